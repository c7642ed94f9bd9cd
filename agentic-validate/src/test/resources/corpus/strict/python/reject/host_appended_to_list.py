# validated with the network allowlist: api.example.com
# family: host assembled at run time and appended to a list of allowed URLs
# expected finding: unresolved-host
import urllib.request

urls = ["https://api.example.com/a"]
urls.append("https://" + input() + "/b")
for u in urls:
    urllib.request.urlopen(u)
