# validated with the network allowlist: api.stripe.com
import requests
HOST = "api.stripe.com"
customer = "cus_123"
r1 = requests.get("https://%s/v1/customers/%s" % (HOST, customer), timeout=10)
r2 = requests.get("https://{}/v1/customers/{}".format(HOST, customer), timeout=10)
r3 = requests.get("https://{host}/v1/charges".format(host=HOST), timeout=10)
print("%s of %d" % ("a", 3), "{:>10}".format("x"), "{0:.2f}".format(1.5), r1.ok, r2.ok, r3.ok)
