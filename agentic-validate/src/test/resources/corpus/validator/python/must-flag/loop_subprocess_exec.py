# validated with no network allowed
# expected finding: denied-call
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    await loop.subprocess_exec(asyncio.SubprocessProtocol, 'ls')
