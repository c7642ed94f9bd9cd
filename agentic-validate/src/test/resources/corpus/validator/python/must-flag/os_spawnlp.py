# validated with no network allowed
# expected finding: denied-call
import os
os.spawnlp(os.P_WAIT, 'sh', 'sh', '-c', 'id')
