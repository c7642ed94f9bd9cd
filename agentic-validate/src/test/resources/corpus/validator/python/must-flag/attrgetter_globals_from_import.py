# validated with no network allowed
# expected finding: dunder-access
from operator import attrgetter
def f(): pass
attrgetter('__globals__')(f)
