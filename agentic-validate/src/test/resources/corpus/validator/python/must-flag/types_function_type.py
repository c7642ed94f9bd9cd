import types
types.FunctionType(code, {})
