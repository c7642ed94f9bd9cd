# validated with the network allowlist: api.github.com
"""Count open issues per label with http.client."""
import http.client
import json
import os
from collections import Counter

TOKEN = os.environ.get("GITHUB_TOKEN", "")


def fetch_page(page: int) -> list:
    conn = http.client.HTTPSConnection("api.github.com", timeout=15)
    headers = {"User-Agent": "report", "Accept": "application/vnd.github+json"}
    if TOKEN:
        headers["Authorization"] = f"Bearer {TOKEN}"
    conn.request("GET", f"/repos/octocat/hello-world/issues?state=open&page={page}", headers=headers)
    resp = conn.getresponse()
    body = resp.read().decode("utf-8")
    conn.close()
    if resp.status != 200:
        raise RuntimeError(f"GitHub returned {resp.status}: {body[:200]}")
    return json.loads(body)


labels = Counter()
for page in range(1, 4):
    issues = fetch_page(page)
    if not issues:
        break
    for issue in issues:
        for label in issue.get("labels", []):
            labels[label["name"]] += 1

for name, count in labels.most_common():
    print(f"{name:20} {count}")
