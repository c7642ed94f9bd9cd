# validated with no network allowed
# expected finding: format-traversal
t = "{0." + "__cla" + "ss__}"
print(t.format(1))
