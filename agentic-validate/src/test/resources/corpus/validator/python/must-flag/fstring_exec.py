x = f"{exec('1')}"
