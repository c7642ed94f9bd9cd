x = vars()
