# validated with no network allowed
# expected finding: write-outside
import os
os.chmod('/usr/bin/python3', 0o777)
