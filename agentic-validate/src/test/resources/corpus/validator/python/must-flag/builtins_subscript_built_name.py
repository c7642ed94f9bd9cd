__builtins__['ev'+'al']('1')
