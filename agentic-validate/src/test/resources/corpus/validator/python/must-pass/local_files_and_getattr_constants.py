import os
import sys
import shutil
import tempfile
from pathlib import Path

settings = {"a": 1}
class Cfg:
    total = 1
    open = 2
cfg = Cfg()
for key in ("total", "open"):
    print(key, getattr(cfg, key))
print(getattr(cfg, "total"), hasattr(cfg, "missing"))
workdir = Path("build")
workdir.mkdir(exist_ok=True)
(workdir / "a.txt").write_text("hi")
shutil.copy(workdir / "a.txt", workdir / "b.txt")
shutil.rmtree(workdir)
os.makedirs("out/reports", exist_ok=True)
with open(os.path.join("out", "reports", "r.txt"), "w") as f:
    f.write("ok")
with open("/etc/hostname") as f:
    print(f.read())
print(os.environ.get("HOME"), os.getenv("USER"), os.path.exists("/tmp"), sys.argv[1:])
with tempfile.TemporaryDirectory() as tmp:
    print(tmp)
print("a/b".replace("a", "/etc"))
if __name__ == "__main__":
    sys.exit(0)
