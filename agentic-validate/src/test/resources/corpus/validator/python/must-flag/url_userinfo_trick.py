import requests
base = 'https://api.stripe.com@evil.example'
requests.get(base + '/v1')
