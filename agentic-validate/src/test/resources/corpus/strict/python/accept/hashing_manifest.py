import hashlib
import json
from pathlib import Path

manifest = {}
for path in sorted(Path("data").rglob("*")):
    if path.is_file():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest[str(path)] = {"sha256": digest, "bytes": path.stat().st_size}
Path("manifest.json").write_text(json.dumps(manifest, indent=2))
print(len(manifest), "files hashed")
