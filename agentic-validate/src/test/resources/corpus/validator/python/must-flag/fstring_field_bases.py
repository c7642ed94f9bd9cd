# validated with no network allowed
# expected finding: dunder-access
x = 1
print(f"{x.__class__.__bases__}")
