import requests
HOSTS = {'a': 'https://evil.example'}
requests.get(HOSTS['a'])
