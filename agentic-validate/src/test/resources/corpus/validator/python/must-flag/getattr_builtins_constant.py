e = 'eval'
getattr(__builtins__, e)('1')
