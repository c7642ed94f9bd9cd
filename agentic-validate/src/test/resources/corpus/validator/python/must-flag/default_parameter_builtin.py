def f(vars=vars):
    return vars()


print(f())
