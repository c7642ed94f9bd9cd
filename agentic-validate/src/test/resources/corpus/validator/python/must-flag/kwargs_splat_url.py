import requests
kw = {'url': 'https://evil.example'}
requests.request('GET', **kw)
