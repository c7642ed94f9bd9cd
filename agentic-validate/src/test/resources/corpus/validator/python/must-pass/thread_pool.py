import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

logging.basicConfig(stream=sys.stderr, level=logging.INFO)


def work(n):
    time.sleep(0)
    return n * 2


with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(work, i) for i in range(8)]
    total = sum(f.result() for f in as_completed(futures))
print(total)
sys.stdout.write("done\n")
