import re
from collections import Counter
from datetime import datetime

LINE = re.compile(r'(?P<ip>\d+\.\d+\.\d+\.\d+) - - \[(?P<ts>[^\]]+)\] "(?P<method>\w+) (?P<path>\S+) [^"]+" (?P<status>\d{3})')

statuses = Counter()
paths = Counter()
first = last = None
with open("access.log", encoding="utf-8", errors="replace") as f:
    for line in f:
        m = LINE.match(line)
        if not m:
            continue
        ts = datetime.strptime(m["ts"], "%d/%b/%Y:%H:%M:%S %z")
        first = ts if first is None or ts < first else first
        last = ts if last is None or ts > last else last
        statuses[m["status"]] += 1
        paths[m["path"]] += 1

print("span:", first, "->", last)
print("statuses:", dict(statuses))
for path, n in paths.most_common(5):
    print(f"{n:6} {path}")
