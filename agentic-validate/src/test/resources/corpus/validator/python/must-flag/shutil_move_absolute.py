# validated with no network allowed
# expected finding: write-outside
import shutil
shutil.move('out/a.txt', '/usr/local/bin/a')
