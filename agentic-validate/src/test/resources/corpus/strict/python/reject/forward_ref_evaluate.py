# family: type-hint evaluation through typing.ForwardRef
# expected finding: denied-call
from typing import ForwardRef

ref = ForwardRef("open('/etc/passwd').read()")
print(ref._evaluate(globals(), {}, frozenset()))
