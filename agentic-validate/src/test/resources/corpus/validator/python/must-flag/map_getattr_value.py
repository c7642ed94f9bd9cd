# validated with no network allowed
# expected finding: dynamic-attribute
import os
list(map(getattr, [os], ['system']))[0]('id')
