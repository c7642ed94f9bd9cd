# validated with no network allowed
# expected finding: write-outside
import zipfile
zipfile.ZipFile('/tmp/../etc/x.zip', 'w')
