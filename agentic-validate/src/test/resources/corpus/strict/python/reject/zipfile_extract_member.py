# family: zipfile extraction of a member whose stored name climbs out
# expected finding: evaluated-string
import zipfile

with zipfile.ZipFile("bundle.zip") as zf:
    for info in zf.infolist():
        zf.extract(info, "unpacked")
