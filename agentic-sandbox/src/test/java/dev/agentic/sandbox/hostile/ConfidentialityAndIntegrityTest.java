package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalogue C (reading host secrets) and D (writing outside the scratch area), asserted on the host. */
class ConfidentialityAndIntegrityTest {

    @Test
    void hostFilesOutsideTheMountsAreInvisible(@TempDir Path dir) throws IOException {
        // C25: a secret file in a host directory (the JVM's temp dir, the user's home) does not exist inside.
        Path secret = Host.canary(dir, "credentials");
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, sys\n"
                                + "for p in sys.argv[1:] if len(sys.argv) > 1 else [os.environ['P'], '/root', '/home', '/var']:\n"
                                + "    print(p, os.path.exists(p))")
                        .environment("P", secret.toString())
                        .build());

        assertThat(r.stdout())
                .contains(secret + " False")
                .contains("/root False")
                .contains("/home False")
                .contains("/var False")
                .doesNotContain("canary-credentials");
    }

    @Test
    void theSandboxSeesOnlyItsOwnProcessesAndNoInheritedDescriptors() {
        // C27, C28, C31: pid namespace; bwrap's init carries an empty environment; only fds 0-2 are open.
        ExecutionResult r = Host.sandbox()
                .execute(python("import os\n"
                                + "print('pids', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))\n"
                                + "print('fds', sorted(int(f) for f in os.listdir('/proc/self/fd')))\n"
                                + "print('init env', repr(open('/proc/1/environ').read()))")
                        .build());

        // The launcher's shell sets PWD=/ and nothing else reaches bwrap's environment.
        assertThat(r.stdout())
                .contains("pids [1, 2]")
                .contains("init env 'PWD=/\\x00'")
                .doesNotContain(Host.ENV_CANARY);
        assertThat(r.stdout()).containsPattern("fds \\[0, 1, 2, \\d\\]");
    }

    @Test
    void hostnameAndMountsDiscloseNoHomeOrUserPaths() {
        // C29: hostname is fixed; mountinfo shows only system trees and the run's own scratch files
        // (accepted disclosure: the scratch root's path).
        ExecutionResult r = Host.sandbox()
                .execute(python("import socket, os\n"
                                + "print(socket.gethostname())\nprint(open('/proc/self/mountinfo').read())")
                        .build());

        assertThat(r.stdout()).startsWith("sandbox\n").doesNotContain("/root").doesNotContain("/home");
    }

    @Test
    void hostListeningPortsAreNotListedInsideTheNetworkNamespace() throws IOException {
        // C30: /proc/net/tcp shows the sandbox's own (empty) namespace.
        try (Host.LoopbackServer server = new Host.LoopbackServer()) {
            String hexPort = String.format(":%04X", server.port());
            ExecutionResult r = Host.sandbox()
                    .execute(python("print(open('/proc/net/tcp').read())\n"
                                    + "import os\nprint(os.path.exists('/sys/class/net'))")
                            .build());

            assertThat(r.stdout()).doesNotContain(hexPort).contains("False");
        }
    }

    @Test
    void agentSocketsAndJvmAttachFilesAreNotReachable() {
        // C32, C33: no /run/user, no X11 socket, no SSH agent, a private /tmp.
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, glob\n"
                                + "print(os.environ.get('SSH_AUTH_SOCK'), os.path.exists('/run/user'), os.listdir('/tmp'),"
                                + " glob.glob('/tmp/hsperfdata_*'), os.path.exists('/var/run/docker.sock'))")
                        .build());

        assertThat(r.stdout().strip()).isEqualTo("None False [] [] False");
    }

    @Test
    void procSysDevicesAndSystemDirectoriesAreNotWritable() {
        // D34, D35: writes to /proc/sys, mknod, /usr, /etc all fail; nothing appears on the host.
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, errno\n"
                                + "def attempt(label, fn):\n"
                                + "    try:\n        fn()\n        print(label, 'DONE')\n"
                                + "    except OSError as e:\n        print(label, errno.errorcode.get(e.errno))\n"
                                + "attempt('sysctl', lambda: open('/proc/sys/kernel/hostname', 'w').write('x'))\n"
                                + "attempt('mknod', lambda: os.mknod('/sandbox/dev0', 0o600 | 0o060000, os.makedev(8, 0)))\n"
                                + "attempt('usr', lambda: open('/usr/bin/agentic-probe', 'w'))\n"
                                + "attempt('program', lambda: open('/sandbox/main.py', 'a'))")
                        .build());

        assertThat(r.stdout()).doesNotContain("DONE");
        assertThat(Path.of("/usr/bin/agentic-probe")).doesNotExist();
    }

    @Test
    void inputFilesAreReadOnlyAndTheHostCopyStaysIntact() {
        // D34: the inputs directory cannot be modified.
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import errno\n"
                                        + "try:\n    open('data.txt', 'w').write('changed')\n    print('WROTE')\n"
                                        + "except OSError as e:\n    print(errno.errorcode[e.errno])\nprint(open('data.txt').read())")
                        .inputFile("data.txt", "original".getBytes(StandardCharsets.UTF_8))
                        .build());

        assertThat(r.stdout()).contains("EROFS").contains("original").doesNotContain("WROTE");
    }

    @Test
    void hardLinksToHostFilesAreImpossibleAndLinkedOutputsAreSkipped() {
        // D37: the working directory is its own tmpfs, so a hard link to any host file fails (EXDEV);
        // a file with two names inside it is not collected.
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import os, errno\n"
                                        + "try:\n    os.link('/usr/bin/python3', 'py')\nexcept OSError as e:\n    print(errno.errorcode[e.errno])\n"
                                        + "open('a.txt', 'w').write('a')\nos.link('a.txt', 'b.txt')\nopen('c.txt', 'w').write('c')")
                        .outputGlob("*.txt")
                        .build());

        assertThat(r.stdout().strip()).isEqualTo("EXDEV");
        assertThat(r.output().files()).extracting(OutputFile::path).containsExactly("c.txt");
    }

    @Test
    void nastyOutputFileNamesAreSanitised() {
        // D39: newlines, escape sequences and invalid UTF-8 in names.
        ExecutionResult r = Host.sandbox()
                .execute(python("import os\n"
                                + "open('evil\\nname\\x1b[2J.txt', 'w').write('1')\n"
                                + "open(os.fsdecode(b'bad\\xff.txt'), 'w').write('2')")
                        .outputGlob("*.txt")
                        .build());

        assertThat(r.output().files()).hasSize(2);
        for (OutputFile f : r.output().files()) {
            assertThat(f.path())
                    .doesNotContain("\n")
                    .doesNotContain("\u001b")
                    .doesNotContain("\uFFFD")
                    .doesNotContain("/");
        }
    }

    @Test
    void outputsAreCollectedAfterTheTreeIsDeadSoALateSwapCannotPlantALink() throws IOException {
        // D40: a daemon keeps replacing result.txt with a symlink; collection happens after it is dead.
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, time\n"
                                + "open('result.txt', 'w').write('real')\n"
                                + "if os.fork() == 0:\n"
                                + "    while True:\n"
                                + "        try:\n            os.remove('result.txt')\n            os.symlink('/etc/passwd', 'result.txt')\n"
                                + "            os.remove('result.txt')\n            open('result.txt', 'w').write('real')\n"
                                + "        except OSError:\n            pass\n"
                                + "time.sleep(0.3)")
                        .outputGlob("result.txt")
                        .build());

        for (OutputFile f : r.output().files()) {
            // "real", or empty when the daemon was killed between truncating and writing: never a host file.
            assertThat(new String(f.content(), StandardCharsets.UTF_8)).isIn("real", "");
        }
        assertThat(Files.readString(Path.of("/etc/passwd"))).isNotEmpty();
        Host.assertNoRunLeft();
    }

    @Test
    void programImitatingABwrapFailureIsReportedAsItsOwnFailureWithTheSecretMasked() {
        String secret = "sk_live_imitatedBwrapError77";

        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import os, sys\n"
                                        + "sys.stderr.write('bwrap: Can\\'t find source path ' + os.environ['API_KEY'] + '\\n')\nsys.exit(1)\n")
                        .secret("API_KEY", secret)
                        .build());

        assertThat(r)
                .isInstanceOfSatisfying(
                        ExecutionResult.Failed.class,
                        f -> assertThat(f.exitCode()).isEqualTo(1));
        assertThat(r.stderr())
                .isEqualTo("bwrap: Can't find source path [REDACTED]\n")
                .doesNotContain(secret);
    }
}
