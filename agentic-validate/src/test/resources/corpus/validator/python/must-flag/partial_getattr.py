# validated with no network allowed
# expected finding: dynamic-attribute
import functools, os
functools.partial(getattr, os)('system')('id')
