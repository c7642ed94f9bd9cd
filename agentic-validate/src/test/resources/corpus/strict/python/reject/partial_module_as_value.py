# family: a module allowed only in part passed around whole, then used through a parameter
# expected finding: denied-import
import os


def run(m, cmd):
    return m.system(cmd)


run(os, "id")
