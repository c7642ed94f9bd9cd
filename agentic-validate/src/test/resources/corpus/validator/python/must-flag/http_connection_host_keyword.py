# validated with the network allowlist: api.stripe.com
# expected finding: host-not-allowed
import http.client
conn = http.client.HTTPSConnection(host='evil.example', port=443)
