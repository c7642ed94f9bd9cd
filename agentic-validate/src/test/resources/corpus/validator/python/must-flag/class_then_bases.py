# validated with no network allowed
# The type's name is fine; walking on from the type to its bases and their subclasses is the classic escape.
kind = ().__class__.__name__
base = ().__class__.__bases__[0]
for cls in base.__subclasses__():
    if cls.__name__ == "catch_warnings":
        print(cls)
