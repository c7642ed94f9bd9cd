import logging
import sys

logging.basicConfig(
    level=logging.INFO,
    format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    handlers=[logging.StreamHandler(sys.stdout), logging.FileHandler("run.log")],
)
log = logging.getLogger("pipeline")


class JsonishFormatter(logging.Formatter):
    def format(self, record):
        base = super().format(record)
        return base.replace("\n", " | ")


handler = logging.StreamHandler(sys.stderr)
handler.setFormatter(JsonishFormatter("{levelname}: {message}", style="{"))
log.addHandler(handler)

for step in ["load", "clean", "aggregate"]:
    log.info("step %s started", step)
log.warning("done with %d steps", 3)
