# validated with no network allowed
# expected finding: dynamic-attribute
import functools
functools.reduce(getattr, ['__class__', '__base__'], ())
