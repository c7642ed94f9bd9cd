# validated with no network allowed
# expected finding: denied-call
import sys
sys.settrace(lambda *a: None)
