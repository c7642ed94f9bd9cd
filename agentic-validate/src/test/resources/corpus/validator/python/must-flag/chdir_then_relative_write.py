# validated with no network allowed
# expected finding: write-outside
import os
os.chdir('/')
with open('etc/cron.d/job', 'w') as f:
    f.write('x')
