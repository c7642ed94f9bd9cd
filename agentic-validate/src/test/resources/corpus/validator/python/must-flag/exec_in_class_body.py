# validated with no network allowed
# expected finding: denied-call
class C:
    exec("import os")
