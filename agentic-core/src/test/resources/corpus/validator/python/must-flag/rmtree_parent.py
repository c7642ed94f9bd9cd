import shutil
shutil.rmtree('../..')
