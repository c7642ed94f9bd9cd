# validated with the network allowlist: api.stripe.com
# expected finding: host-not-allowed
import requests
from urllib.parse import urljoin
requests.get(urljoin('https://evil.example/', 'v1/x'))
