x = 1  # harmless commentexec("print(1)")
