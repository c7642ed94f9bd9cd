# validated with the network allowlist: api.stripe.com
# expected finding: host-not-allowed
import socket
socket.create_connection(('evil.example', 443))
