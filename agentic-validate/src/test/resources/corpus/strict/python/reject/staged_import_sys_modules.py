# family: staged import through sys.modules
# expected finding: denied-call
import sys

sys.modules["os"].system("id")
