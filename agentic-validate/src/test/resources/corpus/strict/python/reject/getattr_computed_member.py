# family: names resolved from strings at run time
# expected finding: dynamic-attribute
import os

name = input()
getattr(os, name)("id")
