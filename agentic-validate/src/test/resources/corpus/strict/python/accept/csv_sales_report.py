import csv
import statistics
from collections import defaultdict
from datetime import date
from pathlib import Path

rows = []
with open("sales.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        row["amount"] = float(row["amount"])
        rows.append(row)

by_region = defaultdict(list)
for row in rows:
    by_region[row["region"]].append(row["amount"])

out = Path("out")
out.mkdir(exist_ok=True)
with open(out / f"report-{date.today().isoformat()}.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["region", "count", "total", "mean", "median"])
    for region, amounts in sorted(by_region.items()):
        w.writerow([region, len(amounts), round(sum(amounts), 2), round(statistics.mean(amounts), 2),
                    statistics.median(amounts)])
print(f"{len(rows)} rows, {len(by_region)} regions")
