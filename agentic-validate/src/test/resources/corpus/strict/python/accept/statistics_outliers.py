import math
import random
import statistics

random.seed(7)
samples = [random.gauss(100, 15) for _ in range(500)] + [250.0, -40.0]
mean = statistics.fmean(samples)
sd = statistics.stdev(samples)
q = statistics.quantiles(samples, n=4)
iqr = q[2] - q[0]
outliers = [x for x in samples if x < q[0] - 1.5 * iqr or x > q[2] + 1.5 * iqr]
print(f"mean={mean:.2f} sd={sd:.2f} iqr={iqr:.2f}")
print("outliers:", sorted(round(x, 1) for x in outliers))
print("z of max:", round((max(samples) - mean) / sd, 2), "log10:", round(math.log10(max(samples)), 3))
