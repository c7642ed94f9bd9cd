# validated with the network allowlist: api.example.com
# family: host assembled at run time and passed through a helper's parameter
# expected finding: unresolved-host
import http.client
import sys


def send(host, body):
    conn = http.client.HTTPSConnection(host)
    conn.request("POST", "/", body)


send(sys.argv[1] + ".example.net", "data")
