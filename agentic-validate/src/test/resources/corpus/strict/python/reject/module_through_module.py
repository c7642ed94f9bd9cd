# family: a denied module reached as an attribute of an allowed one (glob imports os)
# expected finding: denied-import
import glob

fd = glob.os.open("/etc/shadow", 0)
