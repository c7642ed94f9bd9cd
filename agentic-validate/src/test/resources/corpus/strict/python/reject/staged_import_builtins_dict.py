# family: staged import — the import function looked up from a dict at run time
# expected finding: denied-call
import builtins as b

loader = vars(b)["__imp" + "ort__"]
loader("subprocess").run(["id"])
