# family: type-hint evaluation through functools.singledispatch, which calls get_type_hints
# expected finding: evaluated-string
from functools import singledispatch


@singledispatch
def show(x):
    return x


@show.register
def _(x: "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == 'Popen'][0](['id'])"):
    return x
