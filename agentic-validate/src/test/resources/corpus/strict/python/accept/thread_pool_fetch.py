# validated with the network allowlist: api.example.com
import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed

BASE = "https://api.example.com/v2"
IDS = [101, 102, 103, 104, 105]


def fetch(item_id):
    with urllib.request.urlopen(f"{BASE}/items/{item_id}", timeout=10) as r:
        return json.load(r)


results = {}
with ThreadPoolExecutor(max_workers=4) as pool:
    futures = {pool.submit(fetch, i): i for i in IDS}
    for fut in as_completed(futures):
        item_id = futures[fut]
        try:
            results[item_id] = fut.result()
        except Exception as exc:
            print(f"item {item_id} failed: {exc}")

for item_id in sorted(results):
    print(item_id, results[item_id].get("name"))
