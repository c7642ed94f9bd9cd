# validated with the network allowlist: api.example.com
# family: host assembled at run time hiding behind an allowed default
# expected finding: unresolved-host
import json
import urllib.request


def fetch(url="https://api.example.com/ok"):
    return urllib.request.urlopen(url).read()


cfg = json.loads(open("config.json").read())
fetch(cfg["endpoint"])
