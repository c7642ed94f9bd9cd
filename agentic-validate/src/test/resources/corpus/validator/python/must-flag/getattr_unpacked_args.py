# validated with no network allowed
# expected finding: dynamic-attribute
import os
args = (os, 'system')
getattr(*args)('id')
