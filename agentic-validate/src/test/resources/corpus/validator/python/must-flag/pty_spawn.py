# validated with no network allowed
# expected finding: denied-import
import pty
pty.spawn('/bin/sh')
