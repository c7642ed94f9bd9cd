# validated with the network allowlist: api.openweathermap.org
import asyncio
import json
import os
from pathlib import Path

import aiohttp

CITIES = ["London", "Paris", "Tokyo"]
URL = "https://api.openweathermap.org/data/2.5/weather"


async def fetch(session: aiohttp.ClientSession, sem: asyncio.Semaphore, city: str) -> dict:
    async with sem:
        for attempt in range(3):
            try:
                async with session.get(URL, params={"q": city, "appid": os.environ["OWM_KEY"]},
                                       timeout=aiohttp.ClientTimeout(total=10)) as resp:
                    resp.raise_for_status()
                    return await resp.json()
            except aiohttp.ClientError:
                await asyncio.sleep(2 ** attempt)
        return {"name": city, "error": "unavailable"}


async def main() -> None:
    sem = asyncio.Semaphore(4)
    async with aiohttp.ClientSession() as session:
        results = await asyncio.gather(*(fetch(session, sem, c) for c in CITIES))
    out = Path("out") / "weather.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    tmp = out.with_suffix(".tmp")
    tmp.write_text("{}")
    tmp.replace(out.with_name("weather-latest.json"))


asyncio.run(main())
