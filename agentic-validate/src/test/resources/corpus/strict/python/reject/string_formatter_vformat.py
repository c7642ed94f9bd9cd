# family: format-field lookup through string.Formatter
# expected finding: denied-call
import string

print(string.Formatter().vformat("{0.__class__}", (1,), {}))
