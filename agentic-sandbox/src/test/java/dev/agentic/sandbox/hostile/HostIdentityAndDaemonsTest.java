package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogue C29 (what the sandbox tells about the host: mounts, cgroups, host name, user) and B24
 * (daemons that could run work outside the sandbox: D-Bus, systemd, cron/at, container engines).
 */
class HostIdentityAndDaemonsTest {

    @Test
    void noHostIdentityLeaksAndTheOnlyHostPathShownIsTheRunsOwnProgramFile() throws IOException {
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import os, socket, subprocess\n"
                                        + "print('hostname', socket.gethostname(), os.uname().nodename)\n"
                                        + "print('id', subprocess.run(['id'], capture_output=True, text=True).stdout.strip())\n"
                                        + "print('env', sorted(os.environ.items()))\n"
                                        + "print('== cgroup')\nprint(open('/proc/self/cgroup').read().strip())\n"
                                        + "print('== mountinfo')\nprint(open('/proc/self/mountinfo').read().strip())\n"
                                        + "print('== init cmdline')\nprint(open('/proc/1/cmdline').read().replace('\\0', '\\n').strip())\n")
                        .build());
        String out = r.stdout();
        String scratch = Host.scratchRoot().toString();

        assertThat(out)
                .contains("hostname sandbox sandbox\n")
                .containsPattern("id uid=(18790\\d{5}) gid=\\1 groups=\\1\n");
        String cgroups = section(out, "== cgroup", "== mountinfo");
        assertThat(cgroups.lines())
                .as("cgroup namespace root only")
                .isNotEmpty()
                .allMatch(l -> l.endsWith(":/"));
        // Accepted disclosure (documented): the program file's bind source, in mountinfo and bwrap's argv.
        List<String> hostPaths = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.contains(scratch)) {
                hostPaths.add(line);
            }
        }
        assertThat(hostPaths).hasSize(2);
        assertThat(hostPaths.get(0))
                .matches(".* " + Pattern.quote(scratch) + "/run-\\d+/main\\.py /sandbox/main\\.py ro,.*");
        assertThat(hostPaths.get(1)).matches(Pattern.quote(scratch) + "/run-\\d+/main\\.py");
        // With those lines removed, nothing names the host, its user, home, working directory or cgroups.
        String rest = out.replaceAll("\\S*" + Pattern.quote(scratch) + "\\S*", "<scratch>");
        String hostName =
                Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().toLowerCase(Locale.ROOT);
        if (!hostName.equals("sandbox")) {
            assertThat(rest.toLowerCase(Locale.ROOT)).doesNotContainPattern("\\b" + Pattern.quote(hostName) + "\\b");
        }
        assertThat(rest)
                .doesNotContain(System.getProperty("user.dir"))
                .doesNotContainPattern("(^|[\\s=:'])" + Pattern.quote(System.getProperty("user.home")) + "([/\\s']|$)")
                .doesNotContainPattern("\\b" + Pattern.quote(System.getProperty("user.name")) + "\\b");
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String path = line.substring(line.lastIndexOf(':') + 1);
            if (path.length() > 1) {
                assertThat(rest).as("host cgroup path").doesNotContain(path);
            }
        }
    }

    @Test
    void daemonSocketsAreAbsentAndSchedulerClientsFail(@TempDir Path dir) throws IOException {
        // B24: a host service listening on a Unix socket (standing in for docker.sock or the D-Bus socket)
        // cannot be reached; the well-known daemon paths do not exist inside; the clients on /usr fail.
        Path sock = dir.resolve("docker.sock");
        try (ServerSocketChannel daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            daemon.bind(UnixDomainSocketAddress.of(sock));
            daemon.configureBlocking(false);
            ExecutionResult r = Host.sandbox()
                    .execute(python("import os, socket, subprocess, errno, shutil\n"
                                    + "paths = [os.environ['HOST_SOCKET'], '/run', '/var/run', '/run/dbus/system_bus_socket',"
                                    + " '/run/systemd/private', '/run/systemd/journal/socket', '/var/run/docker.sock',"
                                    + " '/run/containerd/containerd.sock', '/run/podman/podman.sock', '/run/user', '/var/spool/cron',"
                                    + " '/var/spool/at', '/etc/crontab', '/etc/cron.d']\n"
                                    + "print('present', [p for p in paths if os.path.lexists(p)])\n"
                                    + "for p in [os.environ['HOST_SOCKET'], '/run/dbus/system_bus_socket']:\n"
                                    + "    s = socket.socket(socket.AF_UNIX)\n"
                                    + "    try:\n        s.connect(p)\n        print('CONNECTED', p)\n"
                                    + "    except OSError as e:\n        print('connect', errno.errorcode[e.errno])\n"
                                    + "for cmd in [['systemd-run', '--user', 'touch', '/tmp/x'], ['systemd-run', 'touch', '/tmp/x'],"
                                    + " ['busctl', 'list'], ['dbus-send', '--system', '--dest=org.freedesktop.DBus', '/',"
                                    + " 'org.freedesktop.DBus.ListNames'], ['docker', 'ps'], ['at', 'now'], ['crontab', '-l']]:\n"
                                    + "    if shutil.which(cmd[0]) is None:\n        print(cmd[0], 'absent')\n        continue\n"
                                    + "    rc = subprocess.run(cmd, capture_output=True, timeout=10).returncode\n"
                                    + "    print(cmd[0], 'failed' if rc != 0 else 'RAN')\n")
                            .environment("HOST_SOCKET", sock.toString())
                            .build());

            assertThat(r.stdout())
                    .startsWith("present []\n")
                    .contains("connect ENOENT\nconnect ENOENT\n")
                    .doesNotContain("CONNECTED")
                    .doesNotContain("RAN");
            assertThat(r.stdout()
                            .lines()
                            .filter(l -> l.endsWith(" failed") || l.endsWith(" absent"))
                            .count())
                    .isEqualTo(7);
            try (SocketChannel accepted = daemon.accept()) {
                assertThat(accepted)
                        .as("connections the host daemon socket accepted")
                        .isNull();
            }
        }
    }

    private static String section(String text, String from, String to) {
        int a = text.indexOf(from);
        int b = text.indexOf(to, a);
        return text.substring(a + from.length(), b).strip();
    }
}
