import json
import statistics
import textwrap
from datetime import datetime, timezone
from pathlib import Path

metrics = json.loads(Path("metrics.json").read_text())
lines = [f"# Weekly report ({datetime.now(timezone.utc):%Y-%m-%d})", ""]
for name, values in metrics.items():
    lines.append(f"## {name}")
    lines.append("")
    lines.append(f"- mean: {statistics.mean(values):.2f}")
    lines.append(f"- stdev: {statistics.pstdev(values):.2f}")
    lines.append(f"- min/max: {min(values)} / {max(values)}")
    lines.append("")
notes = "This report was generated automatically from the metrics export; numbers are rounded to two decimals."
lines.extend(textwrap.wrap(notes, width=72))
Path("report.md").write_text("\n".join(lines) + "\n")
print("wrote report.md with", len(metrics), "sections")
