# validated with no network allowed
# expected finding: denied-call
from sys import addaudithook
addaudithook(print)
