# validated with no network allowed
# expected finding: write-outside
import pathlib
pathlib.Path('/etc').joinpath('x').write_text('1')
