import gzip
import json
from collections import Counter

events = Counter()
with gzip.open("events.jsonl.gz", "rt", encoding="utf-8") as f:
    for line in f:
        if line.strip():
            events[json.loads(line)["type"]] += 1
with gzip.open("counts.json.gz", "wt", encoding="utf-8") as f:
    json.dump(events, f)
print(events.most_common(10))
