# family: file writes through sqlite3 — SQL assembled at run time hides an ATTACH
# expected finding: evaluated-string
import sqlite3

verb = "".join(chr(c) for c in (65, 84, 84, 65, 67, 72))
conn = sqlite3.connect("local.db")
conn.execute(verb + " DATABASE '/var/tmp/x.db' AS y")
