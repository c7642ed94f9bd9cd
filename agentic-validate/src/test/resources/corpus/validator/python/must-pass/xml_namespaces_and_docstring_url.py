import xml.etree.ElementTree as ET
import statistics
ns = {"atom": "http://www.w3.org/2005/Atom"}
root = ET.fromstring("<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>x</title></entry></feed>")
for entry in root.findall("atom:entry", ns):
    print(entry.find("atom:title", ns).text)
values = [1, 2, 3]
print(statistics.mean(values), max(values, key=lambda v: -v))
"""Docs live at https://docs.example.org/guide."""
class Node:
    def __init__(self, children=None):
        self.children = children or []
    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()
print(sum(1 for _ in Node([Node(), Node()]).walk()))
print(type(root).__name__, repr(root), str(root)[:5])
