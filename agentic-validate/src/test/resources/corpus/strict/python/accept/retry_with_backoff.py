# validated with the network allowlist: status.example.com
import json
import random
import socket
import time
import urllib.error
import urllib.request
from functools import wraps


def retry(times=4, base=0.2):
    def deco(fn):
        @wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except (urllib.error.URLError, socket.timeout) as exc:
                    wait = base * 2 ** attempt + random.random() / 10
                    print(f"retry {attempt + 1} after {wait:.2f}s: {exc}")
                    time.sleep(wait)
            raise RuntimeError("no luck")

        return wrapper

    return deco


@retry()
def status():
    with urllib.request.urlopen("https://status.example.com/api/v2/status.json", timeout=5) as r:
        return json.load(r)["status"]["description"]


print(status())
