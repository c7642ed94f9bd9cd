# validated with the network allowlist: api.stripe.com
import os
import stripe

stripe.api_key = os.environ["STRIPE_API_KEY"]
endpoint = stripe.WebhookEndpoint.list(limit=3)
for e in endpoint.auto_paging_iter():
    print(e.id)
print(stripe.Customer.retrieve("cus_123").email)
