# validated with the network allowlist: api.github.com
# expected finding: host-not-allowed
import httpx
client = httpx.Client(base_url='https://collector.evil.example')
