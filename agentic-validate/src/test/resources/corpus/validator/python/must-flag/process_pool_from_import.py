# validated with no network allowed
# expected finding: denied-call
from concurrent.futures import ProcessPoolExecutor
with ProcessPoolExecutor() as ex:
    ex.submit(print, 1)
