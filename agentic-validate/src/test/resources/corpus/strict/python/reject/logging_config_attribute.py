# family: logging configuration factories reached as an attribute of an allowed module
# expected finding: denied-call
import logging
import logging.handlers

logging.config.fileConfig("settings.ini")
