package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18, integrity of what runs and what is reported: an input cannot take the validated program's place,
 * outputs whose names collide after sanitising are all reported under distinct names, and the process-descriptor
 * calls that let a program take the sandbox init's descriptors are refused.
 */
class ResultIntegrityTest {
    private static final byte[] IMPOSTOR =
            "print('the input ran instead of the program')".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"main.py", "./main.py", "main.py/inner.txt"})
    void pythonInputNamedLikeTheProgramIsRefusedBeforeAnythingRuns(String name) {
        ExecutionRequest request =
                python("print('validated program')").inputFile(name, IMPOSTOR).build();

        assertThatThrownBy(() -> Host.sandbox().execute(request))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("program's own name (main.py)");
        Host.assertNoRunDirectoryLeft();
    }

    @Test
    void javaInputNamedLikeTheProgramIsRefusedAndOtherNamesStillWork() {
        ExecutionRequest shadow = ExecutionRequest.builder()
                .code(Code.java("class Main { public static void main(String[] a) { System.out.println(\"ok\"); } }"))
                .inputFile(
                        "Main.java",
                        "class Main { public static void main(String[] a) { System.out.println(\"impostor\"); } }"
                                .getBytes(StandardCharsets.UTF_8))
                .limits(l -> l.wallTime(Duration.ofSeconds(60)))
                .build();

        assertThatThrownBy(() -> Host.sandbox().execute(shadow))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("program's own name (Main.java)");
        // the Python program's name is an ordinary input of a Java run, and the other way round
        ExecutionResult r = Host.sandbox()
                .execute(python("print(open('Main.java').read())")
                        .inputFile("Main.java", IMPOSTOR)
                        .build());
        assertThat(r.stdout()).contains("the input ran instead");
    }

    @Test
    void outputsWhoseNamesCollideAfterSanitisingAreAllReportedUnderDistinctNames() {
        ExecutionResult r = Host.sandbox()
                .execute(python("for i, n in enumerate(['data_2024.csv', 'data\\n2024.csv', 'data\\u200b2024.csv']):\n"
                                + "    open(n, 'w').write(f'file {i}')\n")
                        .outputGlob("*.csv")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.output().files())
                .extracting(OutputFile::path)
                .containsExactlyInAnyOrder("data_2024.csv", "data_2024~2.csv", "data_2024~3.csv");
        assertThat(r.output().files())
                .extracting(f -> new String(f.content(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("file 0", "file 1", "file 2");
        assertThat(r.output().notes())
                .filteredOn(n -> n.startsWith("output renamed to "))
                .hasSize(2)
                .allMatch(n -> n.contains("after sanitising"));
    }

    @Test
    void onlyTheTreesInterpretersNeedAreMountedNotUsrLocalEtcOrOtherApplications() {
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, ssl, zoneinfo, json\n"
                                + "for p in ['/usr/local/etc', '/usr/share/doc', '/usr/lib/jvm', '/usr/lib/apt', '/usr/sbin']:\n"
                                + "    print(p, os.path.exists(p))\n"
                                + "print('tz', zoneinfo.ZoneInfo('Europe/Paris').key)\n"
                                + "print('certs', ssl.create_default_context().cert_store_stats()['x509_ca'] > 0)\n"
                                + "print('bin', os.path.exists('/usr/bin/python3'))\n")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout())
                .contains("/usr/local/etc False")
                .contains("/usr/share/doc False")
                .contains("/usr/lib/jvm False")
                .contains("/usr/lib/apt False")
                .contains("/usr/sbin False")
                .contains("tz Europe/Paris")
                .contains("certs True")
                .contains("bin True");
    }

    @Test
    void processDescriptorCallsThatReachIntoOtherProcessesAreRefused() {
        ExecutionResult r = Host.sandbox()
                .execute(python("import ctypes, os\n"
                                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                                + "pidfd = os.pidfd_open(1)\n"
                                + "print('pidfd_open', pidfd >= 0)\n"
                                + "for name, nr, args in [('pidfd_getfd', 438, (pidfd, 0, 0)),\n"
                                + "                       ('process_madvise', 440, (pidfd, 0, 0, 0, 0)),\n"
                                + "                       ('kcmp', 312, (1, 2, 0, 0, 0)),\n"
                                + "                       ('inotify_init1', 294, (0,))]:\n"
                                + "    rc = libc.syscall(nr, *args)\n"
                                + "    print(name, rc, os.strerror(ctypes.get_errno()) if rc < 0 else 'ok')\n")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout())
                .contains("pidfd_open True")
                .contains("pidfd_getfd -1 Operation not permitted")
                .contains("process_madvise -1 Operation not permitted")
                .contains("kcmp -1 Operation not permitted")
                .contains("inotify_init1 -1 Operation not permitted");
    }
}
