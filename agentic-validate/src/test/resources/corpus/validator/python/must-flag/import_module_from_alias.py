# validated with no network allowed
# expected finding: denied-import
from importlib import import_module as im
im('os').system('id')
