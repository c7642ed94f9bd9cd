from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Optional


@dataclass
class Item:
    sku: str
    name: str
    qty: int = 0
    price: float = 0.0
    tags: list[str] = field(default_factory=list)
    supplier: Optional[str] = None

    @property
    def value(self) -> float:
        return self.qty * self.price


@dataclass
class Inventory:
    items: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        self.items.append(item)

    def low_stock(self, threshold: int = 5) -> list[Item]:
        return [i for i in self.items if i.qty < threshold]


inv = Inventory()
inv.add(Item("A1", "bolt", 120, 0.05, ["metal"]))
inv.add(Item("B2", "gear", 3, 12.5, supplier="Acme"))
inv.add(Item("C3", "belt", 2, 7.0))
print("total value", round(sum(i.value for i in inv.items), 2))
print(json.dumps([asdict(i) for i in inv.low_stock()], indent=1))
