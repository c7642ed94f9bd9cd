import pathlib
pathlib.os.system('id')
