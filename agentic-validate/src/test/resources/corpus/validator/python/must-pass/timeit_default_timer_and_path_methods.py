# validated with no network allowed
import json
from timeit import default_timer as timer
from pathlib import Path

start = timer()
data = [{"n": i, "sq": i * i} for i in range(1000)]
elapsed = timer() - start
out = Path("out")
out.mkdir(exist_ok=True)
(out / "timing.json").write_text(json.dumps({"elapsed": elapsed, "rows": len(data)}))
with (out / "rows.json").open("w", encoding="utf-8") as fh:
    json.dump(data, fh)
report = out.joinpath("report.txt")
report.write_text("ok")
report.with_suffix(".bak").write_text("backup")
