from __future__ import annotations
import asyncio
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Box(Generic[T]):
    item: T


def pos_only(a, b, /, c, *, d=1, **kw) -> int:
    return a + b + c + d


def classify(msg):
    match msg:
        case {"type": "user", "name": str(name), **rest} if rest:
            return f"user {name} with {len(rest)} extras"
        case [1, *others]:
            return others
        case str() | bytes():
            return "text"
        case Box(item=int(i)):
            return i
        case _:
            return None


async def agen():
    for i in range(3):
        yield i


async def main():
    total = [x async for x in agen()]
    async with asyncio.timeout(1):
        await asyncio.sleep(0)
    return total


def errors():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError as eg:
        return eg


if (n := len([1, 2, 3])) > 2:
    first, *rest = [1, 2, 3]
    del rest[0]
    print(n, first, 1_000_000, 2j, 0xFF, b"\x00", rf"{n}\d", f"{n!r:>{n}}", f"{'nested'}")
with (open("a.txt", "w") as f, open("b.txt", "w") as g):
    f.write("x")
    g.write("y")
lam = lambda *, k=1: k
print(classify({"type": "user", "name": "x", "a": 1}), pos_only(1, 2, 3), asyncio.run(main()), errors(), lam())
assert lam() == 1, "lambda"
x = ...
print(*[1, 2], sep="", end="\n")
