import asyncio
import random


async def work(name: str, q: asyncio.Queue, results: list) -> None:
    while True:
        n = await q.get()
        await asyncio.sleep(random.random() / 100)
        results.append((name, n, n * n))
        q.task_done()


async def main() -> None:
    q: asyncio.Queue = asyncio.Queue()
    results: list = []
    for i in range(20):
        q.put_nowait(i)
    tasks = [asyncio.create_task(work(f"w{i}", q, results)) for i in range(3)]
    await q.join()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(len(results), sum(r[2] for r in results))


asyncio.run(main())
