# validated with the network allowlist: hooks.slack.com
import json
import os
import urllib.request

WEBHOOK = "https://hooks.slack.com/services/" + os.environ["SLACK_WEBHOOK_PATH"]

payload = {"text": "Nightly job finished", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*ok*"}}]}
req = urllib.request.Request(
    WEBHOOK,
    data=json.dumps(payload).encode("utf-8"),
    headers={"Content-Type": "application/json"},
    method="POST",
)
with urllib.request.urlopen(req, timeout=10) as resp:
    print("status", resp.status)
