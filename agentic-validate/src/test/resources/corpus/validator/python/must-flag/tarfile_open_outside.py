# validated with no network allowed
# expected finding: write-outside
import tarfile
with tarfile.open('/var/backups/dump.tar.gz', 'w:gz') as tar:
    tar.add('out')
