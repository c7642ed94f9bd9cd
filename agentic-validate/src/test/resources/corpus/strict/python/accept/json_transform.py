import json
from pathlib import Path

orders = json.loads(Path("orders.json").read_text(encoding="utf-8"))
summary = {}
for order in orders:
    customer = order["customer"]
    entry = summary.setdefault(customer, {"orders": 0, "total": 0.0, "items": set()})
    entry["orders"] += 1
    entry["total"] += sum(line["qty"] * line["price"] for line in order["lines"])
    entry["items"].update(line["sku"] for line in order["lines"])

result = [
    {"customer": c, "orders": e["orders"], "total": round(e["total"], 2), "distinct_items": len(e["items"])}
    for c, e in sorted(summary.items(), key=lambda kv: -kv[1]["total"])
]
Path("summary.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
print(json.dumps(result[:3], indent=2))
