# family: file writes through sqlite3 — ATTACH creates a database file anywhere
# expected finding: evaluated-string
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("ATTACH DATABASE '/home/user/.bashrc.db' AS x")
conn.execute("CREATE TABLE x.t (a)")
