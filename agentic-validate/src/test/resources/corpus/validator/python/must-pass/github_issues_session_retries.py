# validated with the network allowlist: api.github.com
"""List open issues of a repository, following pagination, and write a summary."""
from __future__ import annotations

import json
import logging
import os
import random
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Optional

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

log = logging.getLogger(__name__)
API = "https://api.github.com"
OUT = Path("out")


@dataclass
class Issue:
    number: int
    title: str
    labels: list[str] = field(default_factory=list)
    created_at: Optional[datetime] = None

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}(#{self.number})"


class GitHubClient:
    def __init__(self, token: str, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self.session = requests.Session()
        retry = Retry(total=5, backoff_factor=0.5, status_forcelist=(429, 500, 502, 503, 504))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self.session.headers.update({
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "User-Agent": "issue-report/1.0",
        })

    def _get(self, url: str, params: dict[str, Any] | None = None) -> requests.Response:
        for attempt in range(5):
            resp = self.session.get(url, params=params, timeout=self.timeout)
            if resp.status_code == 403 and resp.headers.get("X-RateLimit-Remaining") == "0":
                reset = int(resp.headers.get("X-RateLimit-Reset", "0"))
                time.sleep(max(0, reset - time.time()) + random.uniform(0, 1))
                continue
            resp.raise_for_status()
            return resp
        raise RuntimeError(f"giving up on {url} after retries")

    def issues(self, owner: str, repo: str) -> Iterator[Issue]:
        url: Optional[str] = f"{API}/repos/{owner}/{repo}/issues"
        params: dict[str, Any] | None = {"state": "open", "per_page": 100}
        while url:
            resp = self._get(url, params=params)
            for raw in resp.json():
                if "pull_request" in raw:
                    continue
                yield Issue(
                    number=raw["number"],
                    title=raw.get("title", ""),
                    labels=[l["name"] for l in raw.get("labels", [])],
                    created_at=datetime.fromisoformat(raw["created_at"].replace("Z", "+00:00")),
                )
            url = resp.links.get("next", {}).get("url")
            params = None


def main() -> int:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    token = os.environ["GITHUB_TOKEN"]
    owner, repo = os.environ.get("REPO", "octocat/hello-world").split("/", 1)
    client = GitHubClient(token)
    issues = list(client.issues(owner, repo))
    by_label: dict[str, int] = {}
    for issue in issues:
        for label in issue.labels or ["(none)"]:
            by_label[label] = by_label.get(label, 0) + 1
    OUT.mkdir(parents=True, exist_ok=True)
    report = {
        "generated_at": datetime.now(timezone.utc).isoformat(),
        "count": len(issues),
        "by_label": dict(sorted(by_label.items(), key=lambda kv: -kv[1])),
        "issues": [asdict(i) for i in issues],
    }
    (OUT / "result.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    log.info("wrote %d issues to %s", len(issues), OUT / "result.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
