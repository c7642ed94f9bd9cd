from sys import modules
modules['os'].system('id')
