import os as o
o.posix_spawn('/bin/sh', ['sh'], {})
