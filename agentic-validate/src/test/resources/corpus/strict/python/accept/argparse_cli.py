import argparse
import json
import sys
from pathlib import Path

parser = argparse.ArgumentParser(description="Filter records")
parser.add_argument("--min-score", type=float, default=0.5)
parser.add_argument("--field", default="score")
args = parser.parse_args(sys.argv[1:])

records = json.loads(Path("records.json").read_text())
kept = [r for r in records if r.get(args.field, 0) >= args.min_score]
json.dump(kept, sys.stdout, indent=2)
print(f"\nkept {len(kept)} of {len(records)}", file=sys.stderr)
