from typing import Dict, Iterable, List, NamedTuple, Protocol, TypeVar

T = TypeVar("T")


class Point(NamedTuple):
    x: float
    y: float


class Shape(Protocol):
    def area(self) -> float: ...


class Rect:
    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h

    def area(self) -> float:
        return self.w * self.h


def largest(shapes: Iterable["Shape"]) -> float:
    return max(s.area() for s in shapes)


def group(values: List[T], key) -> Dict[str, List[T]]:
    out: Dict[str, List[T]] = {}
    for v in values:
        out.setdefault(key(v), []).append(v)
    return out


print(largest([Rect(2, 3), Rect(4, 1)]))
print(group([Point(1, 2), Point(3, 2), Point(0, 5)], key=lambda p: "even" if p.y % 2 == 0 else "odd"))
