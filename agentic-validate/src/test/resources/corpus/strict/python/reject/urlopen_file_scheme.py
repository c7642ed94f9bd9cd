# validated with the network allowlist: api.example.com
# family: URL retrieval reading local files through a file: URL
# expected finding: read-outside
import urllib.request

print(urllib.request.urlopen("file:///etc/passwd").read())
