# The in-sandbox half of a LocalSandbox session. Runs as the sandbox's program (python3 -I -u), started by the
# same launch as a one-shot run. It is a small supervisor that forks the session's interpreter and never runs
# user code itself:
#
#   host  <- frames on this process's stdout (fd 1, moved to a private fd) --  supervisor  -- pipes -->  interpreter
#   host  -> frames on this process's stdin  (fd 0, moved to a private fd) -->
#
# The interpreter's stdout and stderr are pipes that only the supervisor reads; the end of a run is reported on a
# separate result pipe, after which the supervisor drains what the run wrote and only then frames a DONE. No byte
# the program writes is ever parsed: it travels as the payload of an OUT or ERR frame. The supervisor makes itself
# non-dumpable, so the interpreter (same uid) cannot open its descriptors through /proc.
#
# Frame: 1 byte type, 4 bytes big-endian length, payload. Types host->supervisor: I init (JSON), R run (JSON),
# X interrupt, L list files, G get files (JSON), W write file (JSON). Supervisor->host: Y ready, O stdout bytes,
# E stderr bytes, D done (JSON), Z interpreter ended (JSON), F file list (JSON), C file contents (JSON),
# A acknowledgement (JSON).
#
# For a JavaScript or TypeScript session the init names an interpreter command ("interpreter": argv, node running
# session_interpreter.js): the child execs it with the same pipes at fixed numbers (fd 3 run requests, fd 4
# results, fd 1 and 2 output), and this supervisor sets the child's per-run CPU limit from outside (prlimit).
import os, sys, json, signal, select, struct, fcntl, base64, ast, builtins, traceback, types, linecache, resource

WORK = '/sandbox/work'
CHUNK = 16384
CTL_IN = fcntl.fcntl(0, fcntl.F_DUPFD_CLOEXEC, 100)
CTL_OUT = fcntl.fcntl(1, fcntl.F_DUPFD_CLOEXEC, 100)
_null = os.open('/dev/null', os.O_RDWR)
os.dup2(_null, 0)
os.dup2(_null, 1)
os.close(_null)


def _prctl_nondumpable():
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0
        return True
    except Exception:
        return False


def read_exact(fd, n):
    buf = bytearray()
    while len(buf) < n:
        b = os.read(fd, n - len(buf))
        if not b:
            raise EOFError
        buf += b
    return bytes(buf)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def send(t, payload=b''):
    write_all(CTL_OUT, struct.pack('>cI', t, len(payload)) + payload)


def send_json(t, obj):
    send(t, json.dumps(obj).encode())


def recv(fd):
    t, n = struct.unpack('>cI', read_exact(fd, 5))
    return t, read_exact(fd, n)


# ---------------------------------------------------------------- the interpreter (child process)

def interpreter(cmd_fd, res_fd):
    os.dup2(cmd_fd, 3, inheritable=False)
    os.dup2(res_fd, 4, inheritable=False)
    os.closerange(5, 65536)
    os.chdir(WORK)
    main = types.ModuleType('__main__')
    main.__dict__['__builtins__'] = builtins
    sys.modules['__main__'] = main
    ns = main.__dict__
    sys.argv = ['']
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    write_all(4, b'{"ready": true}\n')
    n = 0
    while True:
        try:
            t, payload = recv(3)
        except EOFError:
            os._exit(0)
        req = json.loads(payload)
        n += 1
        used = resource.getrusage(resource.RUSAGE_SELF)
        soft = int(used.ru_utime + used.ru_stime) + int(req['cpu'])
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        reply = run_cell(ns, req['code'], n)
        for s in (sys.stdout, sys.stderr):
            try:
                s.flush()
            except Exception:
                pass
        write_all(4, json.dumps(reply).encode() + b'\n')


def run_cell(ns, code, n):
    name = '<run %d>' % n
    linecache.cache[name] = (len(code), None, code.splitlines(True), name)
    # a pending interrupt that arrived after the previous run ended is discarded, not raised in this one
    while signal.sigtimedwait({signal.SIGINT}, 0) is not None:
        pass
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        tree = ast.parse(code, name, 'exec')
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, name, 'exec'), ns)
        value = None
        if last is not None:
            value = eval(compile(last, name, 'eval'), ns)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        reply = {'status': 'ok'}
        if value is not None:
            ns['_'] = value
            try:
                text = repr(value)
            except BaseException as e:
                text = '<repr failed: %s>' % type(e).__name__
            reply['value'] = text[:65536]
        return reply
    except SystemExit as e:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        code = e.code
        if code is None:
            return {'status': 'exit', 'code': 0}
        if isinstance(code, int):
            return {'status': 'exit', 'code': code & 0xff}
        try:
            print(code, file=sys.stderr)
        except BaseException:
            pass
        return {'status': 'exit', 'code': 1}
    except BaseException as e:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            tb = e.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
                tb = tb.tb_next
            traceback.print_exception(type(e), e, tb)
        except BaseException:
            pass
        return {'status': 'interrupted' if isinstance(e, KeyboardInterrupt) else 'error'}


# ---------------------------------------------------------------- the supervisor

def exec_interpreter(argv, cmd_fd, res_fd):
    os.dup2(cmd_fd, 3)
    os.dup2(res_fd, 4)
    os.closerange(5, 65536)
    os.chdir(WORK)
    os.execv(argv[0], argv)


def child_cpu_seconds(pid):
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def limit_child_cpu(pid, seconds):
    """Soft RLIMIT_CPU of an exec'd interpreter (it cannot set it itself): its CPU time so far plus this run's
    plus one second, a backstop behind the host's meter, which stops the run at the exact limit."""
    try:
        hard = resource.prlimit(pid, resource.RLIMIT_CPU)[1]
        soft = int(child_cpu_seconds(pid)) + 1 + int(seconds) + 1
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.prlimit(pid, resource.RLIMIT_CPU, (soft, hard))
    except (OSError, ValueError):
        pass


class Child:
    def __init__(self, argv=None):
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()
        self.out_r, out_w = os.pipe()
        self.err_r, err_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.dup2(out_w, 1)
                os.dup2(err_w, 2)
                c = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 200)
                r = fcntl.fcntl(res_w, fcntl.F_DUPFD, 200)
                if argv:
                    exec_interpreter(argv, c, r)
                if DUMPABLE_SET:
                    import ctypes
                    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)
                interpreter(c, r)
            finally:
                os._exit(70)
        for fd in (cmd_r, res_w, out_w, err_w):
            os.close(fd)
        for fd in (self.out_r, self.err_r):
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
        self.res_buf = b''


CLOSED = set()


def drain(fd, frame):
    """Reads what the pipe holds now; frames it for the host, or counts it when frame is None."""
    total = 0
    while fd not in CLOSED:
        try:
            b = os.read(fd, CHUNK)
        except BlockingIOError:
            return total
        if not b:
            CLOSED.add(fd)
            return total
        total += len(b)
        if frame is not None:
            send(frame, b)
    return total


def list_files():
    out, entries = [], 0
    stack = [('', 0)]
    while stack and entries < 10000:
        rel, depth = stack.pop()
        try:
            it = os.scandir(os.path.join(WORK, rel) if rel else WORK)
        except OSError:
            continue
        with it:
            for e in it:
                entries += 1
                if entries > 10000:
                    break
                path = rel + '/' + e.name if rel else e.name
                try:
                    if e.is_dir(follow_symlinks=False):
                        if depth < 16:
                            stack.append((path, depth + 1))
                    elif e.is_file(follow_symlinks=False):
                        st = e.stat(follow_symlinks=False)
                        out.append([path, st.st_size, st.st_nlink])
                except OSError:
                    pass
    return out


def get_files(paths, max_bytes):
    got = []
    for p in paths:
        try:
            fd = os.open(os.path.join(WORK, p), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not (st.st_mode & 0o170000) == 0o100000 or st.st_nlink != 1 or st.st_size > max_bytes:
                continue
            data = b''
            while len(data) <= max_bytes:
                b = os.read(fd, 65536)
                if not b:
                    break
                data += b
            if len(data) <= max_bytes:
                got.append([p, base64.b64encode(data).decode()])
        finally:
            os.close(fd)
    return got


def write_file(path, data):
    full = os.path.normpath(os.path.join(WORK, path))
    if not full.startswith(WORK + '/'):
        raise OSError('outside the working directory')
    os.makedirs(os.path.dirname(full), exist_ok=True)
    fd = os.open(full, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


def exit_status(status):
    if os.WIFSIGNALED(status):
        return {'signal': os.WTERMSIG(status), 'code': 128 + os.WTERMSIG(status)}
    return {'signal': 0, 'code': os.WEXITSTATUS(status)}


def supervise():
    global DUMPABLE_SET
    t, payload = recv(CTL_IN)
    init = json.loads(payload)
    os.environ.update(init.get('env', {}))
    os.makedirs(WORK, exist_ok=True)
    os.chdir(WORK)
    wake_r, wake_w = os.pipe()
    for fd in (wake_r, wake_w):
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *a: None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    DUMPABLE_SET = _prctl_nondumpable()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    argv = init.get('interpreter')
    child = Child(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    running = False
    ready = False
    stray = 0
    while True:
        fds = [fd for fd in (CTL_IN, child.out_r, child.err_r, child.res_r, wake_r) if fd not in CLOSED]
        try:
            readable, _, _ = select.select(fds, [], [])
        except InterruptedError:
            continue
        if child.out_r in readable or child.err_r in readable:
            if running:
                drain(child.out_r, b'O')
                drain(child.err_r, b'E')
            else:
                stray += drain(child.out_r, None) + drain(child.err_r, None)
        if child.res_r in readable:
            b = os.read(child.res_r, 1 << 20)
            if not b:
                CLOSED.add(child.res_r)
            child.res_buf += b
            while b'\n' in child.res_buf:
                line, child.res_buf = child.res_buf.split(b'\n', 1)
                msg = json.loads(line)
                if not ready:
                    ready = True
                    if 'error' in msg:
                        send_json(b'Y', {'error': str(msg['error'])})
                    else:
                        send_json(b'Y', {'nondumpable': DUMPABLE_SET})
                    continue
                if running:
                    drain(child.out_r, b'O')
                    drain(child.err_r, b'E')
                    running = False
                    send_json(b'D', msg)
        if wake_r in readable:
            try:
                os.read(wake_r, 4096)
            except BlockingIOError:
                pass
            pid, status = os.waitpid(child.pid, os.WNOHANG)
            if pid == child.pid:
                if running:
                    drain(child.out_r, b'O')
                    drain(child.err_r, b'E')
                send_json(b'Z', exit_status(status))
                # the host ends the whole sandbox; wait for that without reading further
                while True:
                    try:
                        recv(CTL_IN)
                    except EOFError:
                        os._exit(0)
        if CTL_IN in readable:
            try:
                t, payload = recv(CTL_IN)
            except EOFError:
                os.kill(child.pid, signal.SIGKILL)
                os._exit(0)
            if t == b'R':
                if stray:
                    send_json(b'S', {'stray': stray})
                    stray = 0
                running = True
                if argv:
                    limit_child_cpu(child.pid, json.loads(payload)['cpu'])
                write_all(child.cmd_w, struct.pack('>cI', b'R', len(payload)) + payload)
            elif t == b'X':
                if running:
                    os.kill(child.pid, signal.SIGINT)
            elif t == b'L':
                send_json(b'F', list_files())
            elif t == b'G':
                req = json.loads(payload)
                send_json(b'C', get_files(req['paths'], req['max']))
            elif t == b'W':
                req = json.loads(payload)
                try:
                    write_file(req['path'], base64.b64decode(req['data']))
                    send_json(b'A', {'ok': True})
                except OSError as e:
                    send_json(b'A', {'ok': False, 'error': e.strerror or str(e)})


DUMPABLE_SET = False
if __name__ == '__main__':
    supervise()
