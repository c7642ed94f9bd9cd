from enum import Enum, auto


class State(Enum):
    NEW = auto()
    PAID = auto()
    SHIPPED = auto()
    CANCELLED = auto()


TRANSITIONS = {
    State.NEW: {State.PAID, State.CANCELLED},
    State.PAID: {State.SHIPPED, State.CANCELLED},
    State.SHIPPED: set(),
    State.CANCELLED: set(),
}


def advance(state: State, target: State) -> State:
    if target not in TRANSITIONS[state]:
        raise ValueError(f"cannot go from {state.name} to {target.name}")
    return target


s = State.NEW
for step in (State.PAID, State.SHIPPED):
    s = advance(s, step)
    print("now", s.name)
try:
    advance(s, State.NEW)
except ValueError as e:
    print("refused:", e)
