# validated with the network allowlist: api.github.com
# expected finding: host-not-allowed
import asyncio
async def main():
    r, w = await asyncio.open_connection(host='evil.example', port=443)
