# validated with no network allowed
# expected finding: denied-import
import pydoc
pydoc.locate('os.system')('id')
