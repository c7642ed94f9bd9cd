# family: format-field lookup through str.format(template, ...)
# expected finding: format-traversal
import sys

print(str.format(sys.argv[1], sys))
