# validated with the network allowlist: api.stripe.com
# expected finding: host-not-allowed
import requests
requests.get('https://%s/v1/charges' % 'evil.example')
