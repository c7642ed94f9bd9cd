# validated with no network allowed
# expected finding: format-traversal
class A: pass
print("{a.__init__.__globals__}".format_map({'a': A()}))
