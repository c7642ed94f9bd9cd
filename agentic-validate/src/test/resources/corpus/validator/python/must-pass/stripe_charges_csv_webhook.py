# validated with the network allowlist: api.stripe.com
import csv
import hashlib
import hmac
import json
import os
import sys
import time
from collections import Counter, defaultdict
from decimal import Decimal
from enum import Enum
from typing import NamedTuple
from urllib.parse import urlencode, urljoin

import requests

BASE = "https://api.stripe.com/v1/"


class Status(Enum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Charge(NamedTuple):
    id: str
    amount: Decimal
    currency: str
    status: Status


def verify_signature(payload: bytes, header: str, secret: str, tolerance: int = 300) -> bool:
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts["t"])
    if abs(time.time() - timestamp) > tolerance:
        return False
    signed = f"{timestamp}.".encode() + payload
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


def list_charges(session: requests.Session, limit: int = 100):
    starting_after = None
    while True:
        query = {"limit": limit}
        if starting_after:
            query["starting_after"] = starting_after
        url = urljoin(BASE, "charges") + "?" + urlencode(query)
        resp = session.get(url, timeout=30)
        if resp.status_code == 429:
            time.sleep(float(resp.headers.get("Retry-After", "1")))
            continue
        resp.raise_for_status()
        body = resp.json()
        for c in body["data"]:
            yield Charge(c["id"], Decimal(c["amount"]) / 100, c["currency"], Status(c["status"]))
        if not body.get("has_more"):
            return
        starting_after = body["data"][-1]["id"]


def main(argv: list[str]) -> int:
    key = os.getenv("STRIPE_API_KEY")
    if not key:
        print("STRIPE_API_KEY is not set", file=sys.stderr)
        return 2
    session = requests.Session()
    session.auth = (key, "")
    totals: dict[str, Decimal] = defaultdict(Decimal)
    statuses = Counter()
    rows = []
    for charge in list_charges(session):
        statuses[charge.status.value] += 1
        if charge.status is Status.SUCCEEDED:
            totals[charge.currency] += charge.amount
        rows.append(charge._asdict())
    os.makedirs("out", exist_ok=True)
    with open(os.path.join("out", "charges.csv"), "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "amount", "currency", "status"])
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "status": row["status"].value})
    with open("out/result.json", mode="w") as fh:
        json.dump({"totals": totals, "statuses": statuses}, fh, default=str, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
