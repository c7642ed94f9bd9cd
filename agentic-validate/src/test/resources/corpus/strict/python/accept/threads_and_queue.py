import queue
import threading
import time

jobs = queue.Queue()
results = []
lock = threading.Lock()


def worker(n):
    while True:
        try:
            item = jobs.get(timeout=0.5)
        except queue.Empty:
            return
        value = sum(i * i for i in range(item))
        with lock:
            results.append((n, item, value))
        jobs.task_done()


for i in range(50):
    jobs.put(i * 100)

threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(4)]
start = time.perf_counter()
for t in threads:
    t.start()
jobs.join()
print(f"{len(results)} jobs in {time.perf_counter() - start:.3f}s")
