# validated with no network allowed
import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, TypedDict, Literal, Final

T = TypeVar("T")
MAX: Final = 10


class Row(TypedDict):
    id: int
    kind: Literal["a", "b"]


class Sink(Protocol):
    def write(self, data: str) -> int: ...


class Base(ABC):
    def __init__(self, name: str) -> None:
        self.name = name

    @abstractmethod
    def run(self) -> str: ...

    def __repr__(self) -> str:
        return "%s(%r)" % (self.__class__.__name__, self.name)

    def __str__(self) -> str:
        return "{0.name}".format(self)


class Job(Base):
    def __init__(self, name: str, spec: dict) -> None:
        super().__init__(name)
        self.spec = spec

    def run(self) -> str:
        match self.spec:
            case {"type": "http", "url": str(url)}:
                return f"fetch {url}"
            case {"type": "sum", "values": [*values]}:
                return str(sum(values))
            case _:
                return "noop"


@dataclass(frozen=True)
class Box(Generic[T]):
    item: T

    def map(self, fn):
        return Box(fn(self.item))


def parse(lines):
    pattern = re.compile(r"(?P<key>\w+)=(?P<value>.*)")
    out = {}
    for line in lines:
        if (m := pattern.match(line)) is not None:
            out[m["key"]] = m["value"]
    return out


if __name__ == "__main__":
    jobs = [Job("a", {"type": "sum", "values": [1, 2, 3]}), Job("b", {"type": "other"})]
    print(json.dumps({j.name: j.run() for j in jobs}))
    print(repr(jobs[0]), str(jobs[1]), Box(2).map(lambda x: x * 2))
    print(parse(["a=1", "b=2"]), __name__, __doc__)
