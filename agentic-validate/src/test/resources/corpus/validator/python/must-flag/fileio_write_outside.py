# validated with no network allowed
# expected finding: write-outside
import io
io.FileIO('/etc/x', 'w')
