# validated with no network allowed
# expected finding: write-outside
import gzip
with gzip.open('/etc/evil.gz', 'wt') as f:
    f.write('x')
