import csv
import sqlite3

conn = sqlite3.connect("inventory.db")
conn.row_factory = sqlite3.Row
cur = conn.cursor()
cur.execute("CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY, name TEXT, qty INTEGER)")
with open("items.csv", newline="") as f:
    rows = [(r["sku"], r["name"], int(r["qty"])) for r in csv.DictReader(f)]
cur.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?)", rows)
conn.commit()
for row in cur.execute("SELECT sku, name, qty FROM items WHERE qty < ? ORDER BY qty", (10,)):
    print(row["sku"], row["name"], row["qty"])
conn.close()
