import requests.utils
requests.utils.os.system('id')
