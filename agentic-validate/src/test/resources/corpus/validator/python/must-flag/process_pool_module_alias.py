# validated with no network allowed
# expected finding: denied-call
import concurrent.futures as cf
cf.ProcessPoolExecutor(4)
