# validated with no network allowed
# obj.__class__ on its own (not just to read its name) stays flagged: it is the first step of escape chains.
t = "".__class__
print(t)
