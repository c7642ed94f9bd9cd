package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogue H74, H75 and H76 run with no validator at all: Unicode identifiers, pickle payloads and the
 * less obvious ways to open files reach only what the operating system layer lets the sandbox see.
 */
class PythonRoutesHostileTest {

    @Test
    void homoglyphNamesAreUnknownAndFullwidthNamesRunConfined() {
        // H74: a Cyrillic "е" does not normalise to "e" (a different, undefined name); a fullwidth attribute
        // does (NFKC), so the call happens, inside the sandbox.
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "try:\n    \u0435val('1 + 1')\n"
                                        + "except NameError as e:\n    print('NameError', e)\n"
                                        + "__import__('os').\uff53\uff59\uff53\uff54\uff45\uff4d('id -u; cat /etc/shadow 2>&1')\n")
                        .build());

        assertThat(r.stdout())
                .startsWith("NameError name '\u0435val' is not defined\n")
                .containsPattern("18790\\d{5}\n")
                .contains("No such file")
                .doesNotContain("root:");
    }

    @Test
    void filesOpenedThroughOtherRoutesAreAbsentOrReadOnly(@TempDir Path dir) throws IOException {
        // H76: io.open, pathlib, os.fdopen and codecs.open see the same file system as open().
        Path secret = Host.canary(dir, "credentials");
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import io, os, pathlib, codecs, errno\n"
                                        + "secret = os.environ['SECRET']\n"
                                        + "def attempt(label, fn):\n    try:\n        fn()\n        print(label, 'DONE')\n"
                                        + "    except OSError as e:\n        print(label, errno.errorcode[e.errno])\n"
                                        + "attempt('io.open', lambda: io.open(secret).read())\n"
                                        + "attempt('pathlib', lambda: pathlib.Path('/etc/shadow').read_text())\n"
                                        + "attempt('os.fdopen', lambda: os.fdopen(os.open(secret, os.O_RDONLY)).read())\n"
                                        + "attempt('codecs.open', lambda: codecs.open(secret, 'r', 'utf-8').read())\n"
                                        + "attempt('pathlib write', lambda: pathlib.Path('/usr/lib/agentic-probe').write_text('x'))\n"
                                        + "attempt('codecs write', lambda: codecs.open('/etc/agentic-probe', 'w', 'utf-8').write('x'))\n"
                                        + "attempt('fdopen write', lambda: os.fdopen(os.open(secret, os.O_WRONLY | os.O_CREAT), 'w').write('x'))\n")
                        .environment("SECRET", secret.toString())
                        .build());

        assertThat(r.stdout())
                .isEqualTo("io.open ENOENT\npathlib ENOENT\nos.fdopen ENOENT\ncodecs.open ENOENT\n"
                        + "pathlib write EROFS\ncodecs write EROFS\nfdopen write ENOENT\n");
        assertThat(Files.readString(secret)).isEqualTo("canary-credentials");
        assertThat(Path.of("/usr/lib/agentic-probe")).doesNotExist();
        assertThat(Path.of("/etc/agentic-probe")).doesNotExist();
    }

    @Test
    void helpPagersAndDebuggersEndInsteadOfWaitingForATerminal() {
        // H76: help() and license() would page, breakpoint() would wait for commands; stdin is empty and not
        // a terminal, so each ends on its own long before the wall clock.
        ExecutionResult r = Host.sandbox()
                .execute(python("import sys, io\n"
                                + "saved, sys.stdout = sys.stdout, io.StringIO()\nhelp('os')\n"
                                + "text, sys.stdout = sys.stdout.getvalue(), saved\n"
                                + "print('help printed without a pager', len(text) > 1000, flush=True)\n"
                                + "sys.stdout = io.StringIO()\n"
                                + "try:\n    license()\nexcept EOFError:\n    sys.stdout = saved\n"
                                + "    print('license pager: end of input', flush=True)\n"
                                + "sys.stdout = saved\n"
                                + "breakpoint()\nprint('AFTER BREAKPOINT')\n")
                        .limits(l -> l.wallTime(Duration.ofSeconds(10)))
                        .build());

        assertThat(r.stdout())
                .as(r.stderr())
                .startsWith("help printed without a pager True\n" + "license pager: end of input\n")
                .contains("(Pdb) ");
        assertThat(r.stdout().lines()).doesNotContain("AFTER BREAKPOINT");
        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stderr()).contains("BdbQuit");
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPickleExploitRunsOnlyInsideAndItsBytesReachTheHostUninterpreted() {
        // H75: pickle.loads of a __reduce__ payload runs its command, confined. The same kind of payload
        // written as an output file comes back to the host as plain bytes (the host never unpickles).
        String marker = "/tmp/agentic-unpickled-" + System.nanoTime();
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, pickle\n"
                                + "class Exploit:\n    def __init__(self, cmd):\n        self.cmd = cmd\n"
                                + "    def __reduce__(self):\n        return (os.system, (self.cmd,))\n"
                                + "pickle.loads(pickle.dumps(Exploit('id -u; cat /etc/shadow 2>&1')))\n"
                                + "open('result.pkl', 'wb').write(pickle.dumps(Exploit('touch " + marker + "')))\n")
                        .outputGlob("result.pkl")
                        .build());

        assertThat(r.stdout())
                .containsPattern("18790\\d{5}\n")
                .contains("No such file")
                .doesNotContain("root:");
        assertThat(r.output().files()).singleElement().satisfies((OutputFile f) -> {
            assertThat(f.content()[0]).isEqualTo((byte) 0x80); // pickle protocol marker, returned as is
            assertThat(new String(f.content(), StandardCharsets.ISO_8859_1)).contains(marker);
        });
        assertThat(Path.of(marker)).doesNotExist();
    }
}
