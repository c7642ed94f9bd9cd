import json
from pathlib import Path

config = {"__class__": "Settings", "url": "relative/path"}
payload = json.dumps(config)
Path("out").mkdir(exist_ok=True)
Path("out/config.json").write_text(payload)
print(json.loads(payload)["__class__"])
