# A pooled interpreter of a LocalSandbox: started ahead of demand by the same launch as a one-shot run, it imports
# commonly used standard modules, then waits on stdin. The host writes the program into /sandbox/main.py (this
# file's inode; Python has already read it), sends the run's environment as JSON on stdin and closes it; the
# program then runs as __main__ exactly once, and the interpreter exits with the program's status. The single
# byte R on stdout, before anything else, tells the host that this file has been read and the imports are done;
# the host consumes it before the interpreter joins the pool, so the program's output starts after it.
import sys, os, json, types, traceback
import re, math, collections, datetime, itertools, functools, random, time, pathlib, typing, dataclasses  # noqa
import csv, io, string, base64, hashlib, decimal, statistics, textwrap, copy, operator, heapq, bisect  # noqa
import threading, atexit  # noqa: used by every run's shutdown below

os.write(1, b'R')
_data = sys.stdin.buffer.read()
_null = os.open('/dev/null', os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)
if _data:
    os.environ.update(json.loads(_data))
_path = '/sandbox/main.py'
with open(_path, 'rb') as _f:
    _source = _f.read()
_main = types.ModuleType('__main__')
_main.__dict__.update({'__file__': _path, '__builtins__': __builtins__, '__cached__': None})
sys.modules['__main__'] = _main
sys.argv = [_path]


def _finish(code):
    # what interpreter shutdown does that a program can observe (wait for non-daemon threads, atexit handlers,
    # flushed streams), then exit without finalising every imported module: the interpreter is discarded anyway
    try:
        threading._shutdown()
    except BaseException:
        pass
    atexit._run_exitfuncs()
    for _s in (sys.stdout, sys.stderr):
        try:
            _s.flush()
        except BaseException:
            pass
    os._exit(code)


try:
    exec(compile(_source, _path, 'exec'), _main.__dict__)
except SystemExit as _e:
    _c = _e.code
    if _c is None:
        _finish(0)
    if isinstance(_c, int):
        _finish(_c & 0xff)
    try:
        print(_c, file=sys.stderr)
    except BaseException:
        pass
    _finish(1)
except BaseException as _e:
    traceback.print_exception(type(_e), _e, _e.__traceback__.tb_next)
    _finish(1)
_finish(0)
