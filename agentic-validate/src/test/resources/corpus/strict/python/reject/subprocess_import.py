# family: processes
# expected finding: denied-import
import subprocess

subprocess.run(["id"])
