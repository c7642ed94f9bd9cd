# validated with no network allowed
# expected finding: denied-import
from multiprocessing import Process as P
P(target=print).start()
