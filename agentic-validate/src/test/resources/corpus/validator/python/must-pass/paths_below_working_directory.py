# validated with no network allowed
import os, shutil, tempfile, json
from pathlib import Path
with open(os.devnull, 'w') as f:
    f.write('x')
shutil.rmtree('out', ignore_errors=True)
tmp = tempfile.mkdtemp()
with open(os.path.join(tmp, 'x.json'), 'w') as f:
    json.dump({}, f)
Path('out').joinpath('a', 'b.txt').write_text('x')
Path.cwd().joinpath('out').mkdir(exist_ok=True)
(Path.cwd() / 'out' / 'c.txt').write_text('x')
text = (Path.home() / '.config' / 'app.json').read_text() if False else ''
print('{user} <{email}>'.format(user='a', email='b'))
print('%(asctime)s %(name)s' % {'asctime': 1, 'name': 2})
class P:
    def __getattr__(self, name):
        return 1
