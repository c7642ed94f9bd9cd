# validated with no network allowed
# expected finding: denied-call
[exec(s) for s in ["print(1)"]]
