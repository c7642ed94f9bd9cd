import torch_like


class Model:
    def eval(self):
        return self

    def compile(self, **kw):
        return kw


m = Model()
m.eval()
m.compile(optimizer="adam")
import re
print(re.compile(r"\d+").findall("a1b22"))
