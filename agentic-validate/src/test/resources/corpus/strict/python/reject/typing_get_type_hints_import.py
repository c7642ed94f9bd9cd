# family: type-hint evaluation imported by name
# expected finding: denied-call
from typing import get_type_hints


class C:
    x: "int"


print(get_type_hints(C))
