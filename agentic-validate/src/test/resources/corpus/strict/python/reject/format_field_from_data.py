# family: format-field lookup on an untrusted template — the template arrives as data
# expected finding: format-traversal
import json


class Config:
    secret = "s3cr3t"


template = json.loads('{"t": "{0.__init__.__globals__[Config].secret}"}')["t"]
print(template.format(Config()))
