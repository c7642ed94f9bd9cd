URL = 'http://evil.example/x'
import requests
requests.get(URL)
