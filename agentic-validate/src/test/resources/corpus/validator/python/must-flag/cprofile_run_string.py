# validated with no network allowed
# expected finding: denied-import
import cProfile
cProfile.run("print(1)")
