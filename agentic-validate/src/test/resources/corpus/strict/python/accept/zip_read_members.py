import csv
import io
import zipfile

totals = {}
with zipfile.ZipFile("exports.zip") as zf:
    for name in zf.namelist():
        if not name.endswith(".csv"):
            continue
        with zf.open(name) as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            totals[name] = sum(float(r["amount"]) for r in reader)

with zipfile.ZipFile("summary.zip", "w", compression=zipfile.ZIP_DEFLATED) as out:
    out.writestr("totals.csv", "\n".join(f"{k},{v:.2f}" for k, v in totals.items()))
print(totals)
