# validated with no network allowed
# expected finding: denied-call
import os
f = lambda s=os.system: s('id')
