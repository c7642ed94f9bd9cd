# validated with the network allowlist: api.github.com
"""Weekly GitHub issue report: fetch issues, aggregate them, write a CSV and a JSON summary."""
from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, asdict
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator, Optional

import requests

log = logging.getLogger("issue-report")
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

API = "https://api.github.com"
REPO = os.environ.get("GITHUB_REPO", "octocat/hello-world")
TOKEN = os.getenv("GITHUB_TOKEN", "")
PER_PAGE = 50
MAX_PAGES = int(os.environ.get("MAX_PAGES", "4"))
OUT_DIR = Path("out")
LABEL_PATTERN = re.compile(r"^(bug|feature|docs|question)(?:[:/ -](.+))?$", re.IGNORECASE)


class Kind(Enum):
    BUG = "bug"
    FEATURE = "feature"
    DOCS = "docs"
    QUESTION = "question"
    OTHER = "other"

    @classmethod
    def from_labels(cls, labels: Iterable[str]) -> "Kind":
        for label in labels:
            m = LABEL_PATTERN.match(label)
            if m:
                return cls(m.group(1).lower())
        return cls.OTHER


@dataclass
class Issue:
    number: int
    title: str
    state: str
    author: str
    kind: Kind
    created: dt.datetime
    closed: Optional[dt.datetime] = None
    comments: int = 0
    labels: list[str] = field(default_factory=list)

    @property
    def age_days(self) -> float:
        end = self.closed or dt.datetime.now(dt.timezone.utc)
        return (end - self.created).total_seconds() / 86400

    def to_row(self) -> dict:
        row = asdict(self)
        row["kind"] = self.kind.value
        row["created"] = self.created.isoformat()
        row["closed"] = self.closed.isoformat() if self.closed else ""
        row["labels"] = ";".join(self.labels)
        row["age_days"] = round(self.age_days, 1)
        return row


class GitHubError(RuntimeError):
    def __init__(self, status: int, message: str):
        super().__init__(f"GitHub returned {status}: {message}")
        self.status = status


class GitHubClient:
    def __init__(self, token: str, base: str = API, timeout: float = 10.0):
        self.base = base
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({
            "Accept": "application/vnd.github+json",
            "User-Agent": "issue-report/1.0",
        })
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def _get(self, path: str, params: Optional[dict] = None) -> requests.Response:
        url = f"{self.base}{path}"
        for attempt in range(3):
            resp = self.session.get(url, params=params, timeout=self.timeout)
            if resp.status_code == 403 and resp.headers.get("X-RateLimit-Remaining") == "0":
                reset = int(resp.headers.get("X-RateLimit-Reset", "0"))
                wait = max(0, min(30, reset - int(time.time())))
                log.warning("rate limited, waiting %ss (attempt %d)", wait, attempt + 1)
                time.sleep(wait)
                continue
            if resp.status_code >= 500:
                time.sleep(2 ** attempt)
                continue
            if not resp.ok:
                raise GitHubError(resp.status_code, resp.text[:200])
            return resp
        raise GitHubError(599, "gave up after 3 attempts")

    def issues(self, repo: str, state: str = "all") -> Iterator[dict]:
        for page in range(1, MAX_PAGES + 1):
            resp = self._get(f"/repos/{repo}/issues", {"state": state, "per_page": PER_PAGE, "page": page})
            batch = resp.json()
            if not batch:
                return
            for item in batch:
                if "pull_request" in item:
                    continue
                yield item
            if len(batch) < PER_PAGE:
                return


def parse_time(value: Optional[str]) -> Optional[dt.datetime]:
    if not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def to_issue(raw: dict) -> Issue:
    labels = [lbl["name"] for lbl in raw.get("labels", []) if isinstance(lbl, dict)]
    return Issue(
        number=raw["number"],
        title=raw["title"].strip(),
        state=raw["state"],
        author=(raw.get("user") or {}).get("login", "ghost"),
        kind=Kind.from_labels(labels),
        created=parse_time(raw["created_at"]),
        closed=parse_time(raw.get("closed_at")),
        comments=raw.get("comments", 0),
        labels=labels,
    )


@dataclass
class Summary:
    total: int = 0
    open: int = 0
    closed: int = 0
    by_kind: dict = field(default_factory=dict)
    top_authors: list = field(default_factory=list)
    median_age_days: float = 0.0
    p90_age_days: float = 0.0
    busiest_weekday: str = ""


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summarise(issues: list[Issue]) -> Summary:
    summary = Summary(total=len(issues))
    kinds = Counter()
    authors = Counter()
    weekdays = Counter()
    ages = []
    for issue in issues:
        kinds[issue.kind.value] += 1
        authors[issue.author] += 1
        weekdays[issue.created.strftime("%A")] += 1
        if issue.state == "open":
            summary.open += 1
        else:
            summary.closed += 1
            ages.append(issue.age_days)
    summary.by_kind = dict(kinds.most_common())
    summary.top_authors = [name for name, _ in authors.most_common(5)]
    if ages:
        summary.median_age_days = round(statistics.median(ages), 1)
        summary.p90_age_days = round(percentile(ages, 0.9), 1)
    if weekdays:
        summary.busiest_weekday = weekdays.most_common(1)[0][0]
    return summary


def group_by_week(issues: Iterable[Issue]) -> dict[str, list[int]]:
    weeks: dict[str, list[int]] = defaultdict(list)
    for issue in issues:
        year, week, _ = issue.created.isocalendar()
        weeks[f"{year}-W{week:02d}"].append(issue.number)
    return dict(sorted(weeks.items()))


def describe(issue: Issue) -> str:
    match issue.kind:
        case Kind.BUG if issue.state == "open":
            return f"open bug #{issue.number}: {issue.title}"
        case Kind.BUG:
            return f"fixed bug #{issue.number} after {issue.age_days:.0f} days"
        case Kind.FEATURE | Kind.DOCS:
            return f"{issue.kind.value} #{issue.number}"
        case _:
            return f"#{issue.number} ({issue.state})"


def write_csv(issues: list[Issue], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [issue.to_row() for issue in issues]
    if not rows:
        path.write_text("")
        return 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def write_summary(summary: Summary, weeks: dict, path: Path) -> None:
    payload = {
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "repo": REPO,
        "summary": asdict(summary),
        "weeks": weeks,
    }
    path.write_text(json.dumps(payload, indent=2, sort_keys=True))


def stale(issues: Iterable[Issue], days: int = 90) -> Iterator[Issue]:
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    yield from (i for i in issues if i.state == "open" and i.created < cutoff)


def format_table(issues: list[Issue], limit: int = 10) -> str:
    width = max((len(i.title) for i in issues[:limit]), default=5)
    lines = [f"{'#':>6}  {'kind':<8}  {'title':<{width}}  age"]
    for i in issues[:limit]:
        lines.append(f"{i.number:>6}  {i.kind.value:<8}  {i.title:<{width}}  {i.age_days:5.1f}")
    return "\n".join(lines)


def load_previous(path: Path) -> Optional[dict]:
    if not path.exists():
        return None
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError) as exc:
        log.warning("could not read %s: %s", path, exc)
        return None


def compare(previous: Optional[dict], current: Summary) -> list[str]:
    if previous is None:
        return ["no previous report"]
    before = previous.get("summary", {})
    notes = []
    for key in ("total", "open", "closed"):
        delta = getattr(current, key) - before.get(key, 0)
        if delta:
            notes.append(f"{key}: {'+' if delta > 0 else ''}{delta}")
    return notes or ["no change"]


def main(argv: list[str]) -> int:
    if not TOKEN:
        log.error("GITHUB_TOKEN is not set")
        return 2
    client = GitHubClient(TOKEN)
    started = time.monotonic()
    try:
        issues = [to_issue(raw) for raw in client.issues(REPO)]
    except GitHubError as exc:
        log.error("%s", exc)
        return 1
    except requests.RequestException as exc:
        log.error("network error: %s", exc)
        return 1
    issues.sort(key=lambda i: (i.state != "open", -i.comments, i.number))
    summary = summarise(issues)
    weeks = group_by_week(issues)
    previous = load_previous(OUT_DIR / "summary.json")
    count = write_csv(issues, OUT_DIR / "issues.csv")
    write_summary(summary, weeks, OUT_DIR / "summary.json")
    print(format_table(issues))
    for line in compare(previous, summary):
        print(" -", line)
    for issue in list(stale(issues))[:5]:
        print(describe(issue))
    log.info("wrote %d issues in %.2fs", count, time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
