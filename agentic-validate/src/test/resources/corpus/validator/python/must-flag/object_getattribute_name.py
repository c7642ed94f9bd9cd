# validated with no network allowed
# expected finding: dunder-access
name = input()
object.__getattribute__(print, name)
