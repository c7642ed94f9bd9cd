import json
import os
import os.path

config = {
    "region": os.environ.get("REGION", "eu-west-1"),
    "debug": os.getenv("DEBUG", "0") == "1",
    "workers": int(os.environ.get("WORKERS", os.cpu_count() or 2)),
}
os.makedirs(os.path.join("out", "logs"), exist_ok=True)
for entry in sorted(os.listdir(".")):
    if os.path.isfile(entry):
        print(f"{entry:30} {os.path.getsize(entry):>8}")
with open(os.path.join("out", "config.json"), "w") as f:
    json.dump(config, f, indent=2)
print("cwd", os.getcwd())
