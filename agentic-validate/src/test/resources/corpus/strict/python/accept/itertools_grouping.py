import itertools
import operator
from functools import reduce

sales = [("north", "q1", 10), ("north", "q2", 14), ("south", "q1", 7), ("south", "q2", 9), ("west", "q1", 3)]
sales.sort(key=operator.itemgetter(0))
for region, rows in itertools.groupby(sales, key=operator.itemgetter(0)):
    rows = list(rows)
    total = reduce(operator.add, (r[2] for r in rows), 0)
    print(region, total, list(itertools.accumulate(r[2] for r in rows)))
pairs = list(itertools.combinations(["a", "b", "c", "d"], 2))
print(len(pairs), pairs[:3])
print(list(itertools.islice(itertools.cycle("xyz"), 7)))
