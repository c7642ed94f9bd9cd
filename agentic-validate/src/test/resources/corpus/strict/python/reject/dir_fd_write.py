# family: os functions with dir_fd — the path is resolved against an open directory
# expected finding: denied-call
import os

os.mkdir("escape", dir_fd=3)
