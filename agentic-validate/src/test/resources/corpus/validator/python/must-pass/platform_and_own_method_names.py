# validated with no network allowed
import platform
import json
import time


class Job:
    def __init__(self):
        self.system = "billing"
        self.process = None

    def execute(self, query):
        return query

    def spawn(self):
        return Job()

    def kill(self):
        self.process = None


def describe():
    info = {"python": platform.python_version(), "os": platform.system(), "machine": platform.machine()}
    job = Job()
    job.execute("select 1")
    job.spawn().kill()
    info["job_system"] = job.system
    return info


print(json.dumps(describe()), time.monotonic())
