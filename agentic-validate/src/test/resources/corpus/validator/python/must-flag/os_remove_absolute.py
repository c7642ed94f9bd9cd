# validated with no network allowed
# expected finding: delete-outside
import os
os.remove('/etc/passwd')
