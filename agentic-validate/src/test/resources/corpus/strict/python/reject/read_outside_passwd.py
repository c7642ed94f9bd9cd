# family: files outside the working directory read and sent on
# expected finding: read-outside
from pathlib import Path

print(Path("/etc/passwd").read_text()[:200])
print(open("../../home/user/.aws/credentials").read())
