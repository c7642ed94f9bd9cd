# validated with the network allowlist: api.openai.com
import asyncio
import httpx
from dataclasses import dataclass, field
from typing import Any
from concurrent.futures import ThreadPoolExecutor

@dataclass
class Msg:
    role: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)

async def ask(client: httpx.AsyncClient, prompt: str) -> str:
    r = await client.post("https://api.openai.com/v1/chat/completions",
                          json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": prompt}]})
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]

async def main():
    async with httpx.AsyncClient(base_url="https://api.openai.com", timeout=30) as client:
        answers = await asyncio.gather(*(ask(client, p) for p in ["a", "b"]))
    with ThreadPoolExecutor(max_workers=2) as pool:
        lengths = list(pool.map(len, answers))
    print(lengths)

asyncio.run(main())
