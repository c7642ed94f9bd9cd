# validated with no network allowed
# expected finding: write-outside
target = '/etc/cron.d/evil'
m = 'w'
with open(target, m) as fh:
    fh.write('x')
