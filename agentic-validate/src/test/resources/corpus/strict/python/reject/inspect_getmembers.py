# family: inspect hands out functions and frames by name
# expected finding: denied-import
import inspect
import os

fns = dict(inspect.getmembers(os))
fns["sys" + "tem"]("id")
