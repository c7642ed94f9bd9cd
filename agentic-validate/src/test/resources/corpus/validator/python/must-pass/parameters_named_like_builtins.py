import string


def render(template: str, vars: dict) -> str:
    return string.Template(template).safe_substitute(vars)


def evaluate(compile=False, locals=None):
    return compile, locals


print(render("Hello $name", {"name": "Alice"}), evaluate())
