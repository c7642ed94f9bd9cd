# validated with the network allowlist: api.stripe.com
# expected finding: host-not-allowed
import socket
addr = ("evil.example", 443)
s = socket.socket()
s.connect(addr)
