# family: tarfile extraction — member names (../, absolute, links) choose where files land
# expected finding: evaluated-string
import tarfile

with tarfile.open("upload.tar.gz") as tf:
    tf.extractall(".")
