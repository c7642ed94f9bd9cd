# family: file writes through sqlite3 — the database file itself outside the working directory
# expected finding: write-outside
import sqlite3

conn = sqlite3.connect("/tmp/../home/user/notes.db")
conn.execute("CREATE TABLE IF NOT EXISTS t (a)")
conn.commit()
