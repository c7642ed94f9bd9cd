# family: format-field lookup with format_map on a template read from a file
# expected finding: format-traversal
from pathlib import Path

template = Path("template.txt").read_text()
print(template.format_map({"user": object()}))
