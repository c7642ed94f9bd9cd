package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Catalogue E (network, with no allowlist) and F (process and kernel surface), asserted on the host. */
class NetworkAndKernelTest {

    @Test
    void hostLoopbackServiceReceivesNothing() throws IOException {
        // E41, E44: the sandbox has its own loopback; the host's listener sees no connection.
        try (Host.LoopbackServer server = new Host.LoopbackServer()) {
            ExecutionResult r = Host.sandbox()
                    .execute(python("import socket, sys\n"
                                    + "for host in ['127.0.0.1', '::1', '10.0.2.2', '169.254.169.254']:\n"
                                    + "    try:\n        socket.create_connection((host, int(sys.argv[1] if len(sys.argv) > 1 else "
                                    + server.port() + ")), timeout=2)\n        print(host, 'CONNECTED')\n"
                                    + "    except OSError as e:\n        print(host, type(e).__name__)")
                            .build());

            assertThat(r.stdout()).doesNotContain("CONNECTED").contains("127.0.0.1 ConnectionRefusedError");
            assertThat(server.accepted()).isZero();
        }
    }

    @Test
    void dnsAndUdpFail() {
        // E42
        ExecutionResult r = Host.sandbox()
                .execute(python("import socket\n"
                                + "try:\n    socket.getaddrinfo('example.com', 443)\n    print('RESOLVED')\n"
                                + "except OSError as e:\n    print('no dns', type(e).__name__)\n"
                                + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                                + "try:\n    s.sendto(b'x', ('8.8.8.8', 53))\n    print('SENT')\n"
                                + "except OSError as e:\n    print('udp', e.strerror)")
                        .build());

        assertThat(r.stdout())
                .contains("no dns")
                .contains("udp Network is unreachable")
                .doesNotContain("RESOLVED")
                .doesNotContain("SENT");
    }

    @Test
    void packetNetlinkAndVsockSocketsAreRefused() {
        // E43: seccomp refuses every socket family but UNIX, INET and INET6.
        ExecutionResult r = Host.sandbox()
                .execute(python("import socket, errno\n"
                                + "for name, fam, typ in [('packet', 17, socket.SOCK_RAW), ('netlink', 16, socket.SOCK_RAW),"
                                + " ('vsock', 40, socket.SOCK_STREAM), ('bluetooth', 31, socket.SOCK_STREAM)]:\n"
                                + "    try:\n        socket.socket(fam, typ)\n        print(name, 'OPENED')\n"
                                + "    except OSError as e:\n        print(name, errno.errorcode[e.errno])")
                        .build());

        assertThat(r.stdout())
                .contains("packet EAFNOSUPPORT")
                .contains("netlink EAFNOSUPPORT")
                .contains("vsock EAFNOSUPPORT")
                .contains("bluetooth EAFNOSUPPORT")
                .doesNotContain("OPENED");
    }

    @Test
    void hostAbstractUnixSocketIsUnreachable() throws Exception {
        // E53: abstract sockets belong to the network namespace.
        String name = "agentic-abstract-" + System.nanoTime();
        Process listener = new ProcessBuilder(
                        "/usr/bin/python3",
                        "-c",
                        "import socket, sys\n"
                                + "s = socket.socket(socket.AF_UNIX)\ns.bind('\\0' + sys.argv[1])\ns.listen()\nprint('ready', flush=True)\n"
                                + "s.settimeout(5)\ntry:\n    s.accept()\n    print('ACCEPTED', flush=True)\nexcept OSError:\n    print('none')",
                        name)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            ExecutionResult r = Host.sandbox()
                    .execute(python("import socket\n"
                                    + "s = socket.socket(socket.AF_UNIX)\ntry:\n    s.connect('\\0" + name
                                    + "')\n    print('CONNECTED')\n"
                                    + "except OSError as e:\n    print(type(e).__name__)")
                            .build());

            assertThat(r.stdout().strip()).isEqualTo("ConnectionRefusedError");
            listener.destroy();
            assertThat(listener.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            listener.destroyForcibly();
        }
    }

    @Test
    void killingEverythingVisibleDoesNotReachAHostProcessOfTheSameUid() throws Exception {
        // F56: a host process running as the sandbox uid survives kill(-1), kill(1), kill(ppid).
        Process sameUid = new ProcessBuilder(
                        "/usr/bin/setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "--",
                        "/bin/sleep",
                        "31.4159")
                .start();
        try {
            ExecutionResult r = Host.sandbox()
                    .execute(python("import os, signal\n"
                                    + "for pid in (-1, 1, os.getppid()):\n    try:\n        os.kill(pid, signal.SIGKILL)\n"
                                    + "    except OSError:\n        pass\nprint('done')")
                            .build());

            assertThat(r.stdout()).contains("done");
            assertThat(sameUid.isAlive()).isTrue();
            Host.assertHostResponsive();
        } finally {
            sameUid.destroyForcibly();
        }
    }

    @Test
    void dangerousSyscallsAreRefusedBySeccomp() {
        // F57, F58, F59, F60: ptrace, process_vm_readv, unshare, mount, keyctl, bpf, perf_event_open,
        // userfaultfd, personality, io_uring, clone3, new mount API, TIOCSTI (a pipe would give ENOTTY).
        ExecutionResult r = Host.sandbox()
                .execute(python("import ctypes, errno\n"
                                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                                + "def sc(name, nr, *args):\n"
                                + "    res = libc.syscall(nr, *args)\n"
                                + "    print(name, res, errno.errorcode.get(ctypes.get_errno()))\n"
                                + "sc('ptrace', 101, 16, 1, 0, 0)\nsc('process_vm_readv', 310, 1, 0, 0, 0, 0, 0)\n"
                                + "sc('unshare', 272, 0x40000000)\nsc('mount', 165, b'none', b'/tmp', b'tmpfs', 0, 0)\n"
                                + "sc('keyctl', 250, 0, 0)\nsc('bpf', 321, 0, 0, 0)\nsc('perf_event_open', 298, 0, 0, -1, -1, 0)\n"
                                + "sc('userfaultfd', 323, 0)\nsc('personality', 135, 0x0040000)\nsc('io_uring_setup', 425, 1, 0)\n"
                                + "sc('clone3', 435, 0, 0)\nsc('fsopen', 430, b'tmpfs', 0)\nsc('ioctl_tiocsti', 16, 1, 0x5412, b'x')\n"
                                + "sc('clone_newns', 56, 0x00020000 | 17, 0, 0, 0, 0)\nsc('getpid', 39)")
                        .build());

        String out = r.stdout();
        for (String eperm : new String[] {
            "ptrace",
            "process_vm_readv",
            "unshare",
            "mount",
            "keyctl",
            "bpf",
            "perf_event_open",
            "userfaultfd",
            "personality",
            "ioctl_tiocsti",
            "clone_newns"
        }) {
            assertThat(out).contains(eperm + " -1 EPERM");
        }
        for (String enosys : new String[] {"io_uring_setup", "clone3", "fsopen"}) {
            assertThat(out).contains(enosys + " -1 ENOSYS");
        }
        assertThat(out).containsPattern("getpid 2 ");
    }

    @Test
    void foreignSyscallAbiKillsTheProcess() {
        // F61: an x32 syscall number is outside the filter's architecture: the process is killed (SIGSYS).
        ExecutionResult r = Host.sandbox()
                .execute(python("import ctypes\nprint('before', flush=True)\n"
                                + "ctypes.CDLL(None).syscall(0x40000000 + 39)\nprint('AFTER')")
                        .build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).signal()).isEqualTo(31);
        assertThat(r.stdout()).isEqualTo("before\n");
    }

    @Test
    void limitsCannotBeRaisedAndCoreDumpsAreOff() {
        // F62
        ExecutionResult r = Host.sandbox()
                .execute(python("import resource\n"
                                + "for name in ['RLIMIT_AS', 'RLIMIT_CPU', 'RLIMIT_NPROC', 'RLIMIT_NOFILE', 'RLIMIT_CORE']:\n"
                                + "    res = getattr(resource, name)\n    soft, hard = resource.getrlimit(res)\n"
                                + "    try:\n        resource.setrlimit(res, (hard + 1, hard + 1))\n        print(name, 'RAISED')\n"
                                + "    except (ValueError, OSError):\n        print(name, 'fixed', soft == hard)\n"
                                + "print('core', resource.getrlimit(resource.RLIMIT_CORE))")
                        .build());

        assertThat(r.stdout()).doesNotContain("RAISED").doesNotContain("False").contains("core (0, 0)");
    }
}
