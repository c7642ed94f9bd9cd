# validated with no network allowed
# expected finding: denied-import
import code
code.interact()
