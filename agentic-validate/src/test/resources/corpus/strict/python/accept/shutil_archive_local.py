import shutil
from pathlib import Path

src = Path("reports")
dst = Path("backup") / "reports"
if dst.exists():
    shutil.rmtree(dst)
shutil.copytree(src, dst)
shutil.copy("summary.csv", "backup/summary.csv")
shutil.move("tmp_output.txt", "backup/output.txt")
print(sorted(p.name for p in dst.iterdir()))
print(shutil.disk_usage(".").free // (1024 * 1024), "MiB free")
