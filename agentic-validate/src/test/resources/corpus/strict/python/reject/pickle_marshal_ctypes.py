# family: deserialisation and native code
# expected finding: denied-import
import pickle

pickle.loads(open("blob.bin", "rb").read())
