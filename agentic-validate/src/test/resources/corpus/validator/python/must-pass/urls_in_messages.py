# validated with the network allowlist: api.stripe.com
import logging, requests
log = logging.getLogger(__name__)
print("Docs: https://stripe.com/docs/api")
log.warning("see https://status.stripe.com for incidents")
raise RuntimeError("rate limited; see https://stripe.com/docs/rate-limits")
