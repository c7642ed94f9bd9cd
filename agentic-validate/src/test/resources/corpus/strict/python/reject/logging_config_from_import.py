# family: logging configuration loaders imported by name
# expected finding: denied-call
from logging import config

config.listen(9999).start()
