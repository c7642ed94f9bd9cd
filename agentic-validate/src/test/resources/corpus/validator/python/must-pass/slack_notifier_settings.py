# validated with the network allowlist: hooks.slack.com, slack.com
import json
import logging
import os
import urllib.request
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger("notifier")
WEBHOOK = os.environ.get("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX")


class Settings:
    channel = "#alerts"
    username = "reporter"

    def __init__(self, **overrides):
        for key in ("channel", "username"):
            if key in overrides:
                setattr(self, "channel" if key == "channel" else "username", overrides[key])

    def describe(self) -> str:
        name = getattr(self, "username", "bot")
        return f"<{type(self).__name__} {self.__class__.__qualname__} {name}>"


class Message:
    __slots__ = ("text", "blocks")

    def __init__(self, text, blocks=None):
        self.text = text
        self.blocks = blocks or []

    def __eq__(self, other):
        return isinstance(other, Message) and self.text == other.text

    def __hash__(self):
        return hash(self.text)


@contextmanager
def timed(label):
    import time
    start = time.perf_counter()
    try:
        yield
    finally:
        logger.debug("%s took %.3fs", label, time.perf_counter() - start)


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings(channel=os.environ.get("SLACK_CHANNEL", "#alerts"))


def post(message: Message) -> int:
    payload = {"channel": settings().channel, "text": message.text, "blocks": message.blocks}
    req = urllib.request.Request(WEBHOOK, data=json.dumps(payload).encode("utf-8"),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with timed("post"), urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


def api_call(method: str, token: str, **params) -> dict:
    url = f"https://slack.com/api/{method}"
    req = urllib.request.Request(url, data=json.dumps(params).encode(), headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read().decode("utf-8"))


if __name__ == "__main__":
    status = post(Message("Nightly report ready"))
    Path("out").mkdir(exist_ok=True)
    Path("out/status.txt").write_text(str(status))
    Path.cwd().joinpath("out", "done.flag").touch()
