import base64
import hmac
import hashlib
import json
import os
import secrets
import uuid

key = os.environ.get("SIGNING_KEY", "dev-key").encode()
claims = {"sub": str(uuid.uuid4()), "nonce": secrets.token_hex(8)}
body = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).rstrip(b"=")
sig = base64.urlsafe_b64encode(hmac.new(key, body, hashlib.sha256).digest()).rstrip(b"=")
token = (body + b"." + sig).decode()
print(token[:40] + "...")
print("valid:", hmac.compare_digest(sig, base64.urlsafe_b64encode(hmac.new(key, body, hashlib.sha256).digest()).rstrip(b"=")))
