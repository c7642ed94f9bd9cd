# validated with no network allowed
# expected finding: write-outside
import os
with open(os.path.join(os.getcwd(), '..', 'escape.txt'), 'w') as f:
    f.write('x')
