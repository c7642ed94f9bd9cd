# validated with no network allowed
# expected finding: denied-call
if (e := eval):
    e("1")
