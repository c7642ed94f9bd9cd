# family: staged import through importlib
# expected finding: denied-import
import importlib

mod = importlib.import_module("o" + "s")
mod.system("id")
