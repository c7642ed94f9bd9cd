"""Agentic egress forwarder: relays 127.0.0.1:3128 to the host proxy's Unix socket, then runs a program.

Usage: python3 -I -S forwarder.py [--socket PATH] [--port N] -- CMD [ARGS...]

Binds the port before the program starts, relays each TCP connection byte for byte to the socket (the host
proxy enforces every rule), and exits with the program's status, re-raising the signal that killed it.
Never writes to stdout or stderr except when it cannot start the program.
"""
import os
import signal
import socket
import sys
import threading

FORWARDED_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT)


def parse_args(args):
    sock_path, port = "/run/egress.sock", 3128
    while args and args[0] != "--":
        if args[0] == "--socket" and len(args) > 1:
            sock_path, args = args[1], args[2:]
        elif args[0] == "--port" and len(args) > 1:
            port, args = int(args[1]), args[2:]
        else:
            break
    if len(args) < 2 or args[0] != "--":
        sys.exit("usage: forwarder.py [--socket PATH] [--port N] -- CMD [ARGS...]")
    return sock_path, port, args[1:]


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def relay(client, sock_path):
    with client, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as upstream:
        try:
            upstream.connect(sock_path)
        except OSError:
            return
        back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
        back.start()
        pump(client, upstream)
        back.join()


def serve(listener, sock_path):
    while True:
        client, _ = listener.accept()
        threading.Thread(target=relay, args=(client, sock_path), daemon=True).start()


def main():
    sock_path, port, cmd = parse_args(sys.argv[1:])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(128)
    # Held back until the handlers below are in place: a signal that arrives while the program starts is
    # forwarded to it, instead of ending the forwarder with its default action.
    signal.pthread_sigmask(signal.SIG_BLOCK, FORWARDED_SIGNALS)
    try:
        # Python ignores SIGPIPE and SIGXFSZ; the program gets the default dispositions back, and no
        # blocked signals.
        pid = os.posix_spawnp(cmd[0], cmd, os.environ,
                              setsigdef=(signal.SIGPIPE, signal.SIGXFSZ), setsigmask=())
    except OSError as e:
        print("forwarder: cannot run %s: %s" % (cmd[0], e.strerror), file=sys.stderr)
        os._exit(127)
    def forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except OSError:
            pass  # already gone

    for sig in FORWARDED_SIGNALS:
        signal.signal(sig, forward)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, FORWARDED_SIGNALS)
    threading.Thread(target=serve, args=(listener, sock_path), daemon=True).start()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError):
            pass  # SIGKILL and SIGSTOP keep their default anyway
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
