import http.client
c = http.client.HTTPSConnection('evil.example')
