# validated with no network allowed
# expected finding: write-outside
from shutil import copy as cp
cp('a.txt', dst='/etc/a.txt')
