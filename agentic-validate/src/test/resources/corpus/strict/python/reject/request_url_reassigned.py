# validated with the network allowlist: api.example.com
# family: host assembled at run time and set on a request after it was checked
# expected finding: unresolved-host
import os
import urllib.request

req = urllib.request.Request("https://api.example.com/v1/report", data=b"x")
req.full_url = "https://" + os.environ["COLLECTOR"] + "/in"
urllib.request.urlopen(req)
