# family: file writes through sqlite3 — a URI names any file
# expected finding: write-outside
import sqlite3

conn = sqlite3.connect("file:../../../etc/app.db?mode=rwc", uri=True)
