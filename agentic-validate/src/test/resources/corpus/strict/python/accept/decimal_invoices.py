import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

VAT = Decimal("0.19")
lines = []
with open("invoice_lines.csv", newline="") as f:
    for row in csv.reader(f):
        if row and row[0] != "sku":
            qty, unit = Decimal(row[1]), Decimal(row[2])
            net = (qty * unit).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            lines.append((row[0], net, (net * VAT).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)))
net_total = sum(l[1] for l in lines)
vat_total = sum(l[2] for l in lines)
print(f"net {net_total} vat {vat_total} gross {net_total + vat_total}")
print("share of first line:", Fraction(int(lines[0][1] * 100), int(net_total * 100)) if lines else 0)
