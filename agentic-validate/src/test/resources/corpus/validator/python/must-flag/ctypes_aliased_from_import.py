# validated with no network allowed
# expected finding: denied-import
from ctypes import CDLL as L
L(None)
