# validated with no network allowed
# expected finding: write-outside
open(file='/etc/x', mode='w')
