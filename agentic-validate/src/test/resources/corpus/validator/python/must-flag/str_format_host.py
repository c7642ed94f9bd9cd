# validated with the network allowlist: api.stripe.com
# expected finding: host-not-allowed
import requests
HOST = 'evil.example'
requests.get('https://{}/v1/charges'.format(HOST))
