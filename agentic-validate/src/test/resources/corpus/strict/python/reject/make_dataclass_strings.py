# family: classes built from strings
# expected finding: denied-call
import dataclasses

Point = dataclasses.make_dataclass("Point", [("x", "int"), ("y", "int")])
