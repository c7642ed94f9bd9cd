# validated with the network allowlist: api.stripe.com
import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request

API = "https://api.stripe.com/v1"
KEY = os.environ["STRIPE_API_KEY"]


def stripe(method, path, params=None):
    data = urllib.parse.urlencode(params).encode() if params else None
    req = urllib.request.Request(f"{API}{path}", data=data, method=method)
    token = base64.b64encode(f"{KEY}:".encode()).decode()
    req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return json.load(resp)
    except urllib.error.HTTPError as e:
        detail = json.load(e)
        raise SystemExit(f"Stripe error {e.code}: {detail['error']['message']}")


customer = stripe("POST", "/customers", {"name": "Alice", "email": "alice@example.com"})
print("created", customer["id"])
listing = stripe("GET", "/customers?limit=3")
for c in listing["data"]:
    print(c["id"], c.get("email"))
