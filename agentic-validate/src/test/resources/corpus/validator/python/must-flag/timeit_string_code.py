# validated with no network allowed
# expected finding: denied-call
import timeit
timeit.timeit("__import__('os').system('id')", number=1)
