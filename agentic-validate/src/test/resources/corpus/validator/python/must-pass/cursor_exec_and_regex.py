# validated with the network allowlist: api.stripe.com
import json
import re
import sqlite3
import logging
from datetime import datetime, timezone
from urllib.parse import urljoin, urlencode

import requests

log = logging.getLogger(__name__)
PATTERN = re.compile(r"^cus_[A-Za-z0-9]+$")
BASE = "https://api.stripe.com/v1/"
data = json.loads('{"__class__": "Customer", "__dict__": {}}')
record = {"__class__": "Customer", "id": "cus_1"}
print(record["__class__"], data.get("__dict__"))

conn = sqlite3.connect("local.db")
cur = conn.cursor()
cur.execute("CREATE TABLE IF NOT EXISTS c (id TEXT)")
conn.commit()


class Query:
    def exec(self, sql):
        return sql

    def eval(self):
        return 1


q = Query()
q.exec("select 1")
q.eval()
url = urljoin(BASE, "customers")
resp = requests.get(url + "?" + urlencode({"limit": 3}), headers={"Authorization": "Bearer x"}, timeout=10)
for c in resp.json().get("data", []):
    if PATTERN.match(c["id"]):
        log.info("customer %s at %s", c["id"], datetime.now(timezone.utc).isoformat())
print("{name} has {count} items".format(name="alice", count=3))
print("{0.real}".format(3))
print(f"{type(resp).__name__}")
compiled = [PATTERN.pattern]
