# validated with no network allowed
# expected finding: denied-call
import os
match os.system:
    case f:
        f('id')
