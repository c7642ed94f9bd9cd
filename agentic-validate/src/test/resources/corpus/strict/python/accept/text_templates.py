import string
from pathlib import Path

customers = [{"name": "Ada", "due": 120.5}, {"name": "Linus", "due": 0}, {"name": "Grace", "due": 42}]
letter = string.Template("Dear $name,\nyour balance is $due EUR.\n")
greeting = "Hello {name}, you owe {due:.2f} EUR"
Path("letters").mkdir(exist_ok=True)
for c in customers:
    if c["due"]:
        Path("letters", f"{c['name'].lower()}.txt").write_text(letter.substitute(c))
        print(greeting.format(**c))
print("%d letters" % sum(1 for c in customers if c["due"]))
