from pathlib import Path
(Path('/etc') / 'cron.d' / 'job').write_text('x')
