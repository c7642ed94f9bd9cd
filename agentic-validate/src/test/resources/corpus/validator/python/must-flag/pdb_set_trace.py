# validated with no network allowed
# expected finding: denied-import
import pdb; pdb.set_trace()
