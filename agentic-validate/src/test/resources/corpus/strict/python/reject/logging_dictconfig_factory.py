# family: logging configuration factories — "()" names a callable that dictConfig resolves and calls
# expected finding: denied-import
import logging.config

logging.config.dictConfig({
    "version": 1,
    "handlers": {"h": {"()": "os.system", "command": "id > pwned.txt"}},
    "root": {"handlers": ["h"]},
})
