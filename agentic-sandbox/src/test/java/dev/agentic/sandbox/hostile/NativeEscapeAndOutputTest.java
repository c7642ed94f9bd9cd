package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.secret.Redactor;
import org.junit.jupiter.api.Test;

/**
 * Catalogue G (native code), H (Python-level escapes, run with no validator at all: the OS layer must hold)
 * and I (output spoofing toward the host), asserted on the host.
 */
class NativeEscapeAndOutputTest {

    @Test
    void aDroppedBinaryRunsButOnlyInsideTheSandbox() {
        // G64: copy an ELF into the scratch area and exec it; it sees what the sandbox sees.
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import shutil, os, subprocess\n"
                                        + "shutil.copy('/usr/bin/ls', 'myls')\nos.chmod('myls', 0o755)\n"
                                        + "print(subprocess.run(['./myls', '/'], capture_output=True, text=True).stdout.split())")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout())
                .contains("'sandbox'")
                .doesNotContain("'root'")
                .doesNotContain("'home'")
                .doesNotContain("'var'");
    }

    @Test
    void ctypesMemoryWritesDisableInProcessGuardsButNotTheSandbox() {
        // G65: an audit hook is trivially bypassed (here: just cleared by running os.system), the OS still holds.
        ExecutionResult r = Host.sandbox()
                .execute(python("import sys, os\n"
                                + "sys.addaudithook(lambda e, a: None)\n"
                                + "os.system('cat /etc/shadow 2>&1; echo uid=$(id -u)')")
                        .build());

        assertThat(r.stdout())
                .containsPattern("uid=18790\\d{5}")
                .contains("No such file")
                .doesNotContain("root:");
    }

    @Test
    void subclassesWalkReachesPopenButStaysConfined() {
        // H66: the classic restricted-Python escape to subprocess.Popen.
        ExecutionResult r = Host.sandbox()
                .execute(python("import subprocess\n"
                                + "popen = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == 'Popen'][0]\n"
                                + "p = popen(['/bin/sh', '-c', 'ls /root; cat /etc/shadow; echo $AGENTIC_HOST_CANARY; id -u'],"
                                + " stdout=-1, stderr=-2)\nprint(p.communicate()[0].decode())")
                        .build());

        assertThat(r.stdout())
                .containsPattern("18790\\d{5}")
                .doesNotContain(Host.ENV_CANARY)
                .doesNotContain("root:");
    }

    @Test
    void frameWalkingAndDynamicImportGainNothing() {
        // H67, H68, H71, H72: recover builtins from a traceback frame, import os dynamically from an encoded name.
        ExecutionResult r = Host.sandbox()
                .execute(python("import base64\n"
                                + "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n"
                                + "    b = e.__traceback__.tb_frame.f_globals['__builtins__']\n"
                                + "imp = b.__import__ if hasattr(b, '__import__') else b['__import__']\n"
                                + "os = imp(base64.b64decode('b3M=').decode())\n"
                                + "print(sorted(os.listdir('/')))")
                        .build());

        assertThat(r.stdout()).doesNotContain("'root'").doesNotContain("'home'").contains("'sandbox'");
    }

    @Test
    void attributeSmugglingFormatStringsAndDecoratorExecRunButStayConfined() {
        // H69, H70, H73: name smuggling, format-string attribute access, @exec decorator.
        ExecutionResult r = Host.sandbox()
                .execute(python("sub = getattr(object, '__sub' + 'classes__')()\n"
                                + "print('{0.__class__.__mro__}'.format(1))\n"
                                + "def src(_):\n    return \"import os; print('files', sorted(os.listdir('/')))\"\n"
                                + "@exec\n@src\ndef f():\n    pass")
                        .build());

        assertThat(r.stdout())
                .contains("(<class 'int'>, <class 'object'>)")
                .contains("'sandbox'")
                .doesNotContain("'root'")
                .doesNotContain("'home'");
    }

    @Test
    void fullwidthIdentifiersNormaliseAndStillRunConfined() {
        // H74: NFKC turns ｅｖａｌ into eval.
        ExecutionResult r = Host.sandbox()
                .execute(python("print(\uff45\uff56\uff41\uff4c(\"__import__('os').getuid()\"))")
                        .build());

        assertThat(r.stdout().strip()).matches("18790\\d{5}");
    }

    @Test
    void printedResultEnvelopesDoNotChangeTheReportedOutcome() {
        // I78
        ExecutionResult r = Host.sandbox()
                .execute(python("import sys\n" + "print('{\"status\":\"SUCCEEDED\",\"exitCode\":0}')\nsys.exit(7)")
                        .build());

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) r).exitCode()).isEqualTo(7);
    }

    @Test
    void controlCharactersNulAndInvalidUtf8AreDecodedWithReplacement() {
        // I79: raw bytes in stdout never break the host; invalid UTF-8 becomes U+FFFD.
        ExecutionResult r = Host.sandbox()
                .execute(python("import sys\n" + "sys.stdout.buffer.write(b'\\x1b[2J\\x00ok\\xff\\xfe\\n')")
                        .build());

        assertThat(r.succeeded()).isTrue();
        assertThat(r.stdout()).isEqualTo("\u001b[2J\u0000ok\uFFFD\uFFFD\n");
    }

    @Test
    void aSecretCutByTheOutputCapIsStillMasked() {
        // I80-adjacent: a value split by truncation must not leak its first half.
        String secret = "sk-live-ABCDEFGHIJKLMNOP";
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import os, sys\n"
                                        + "sys.stdout.write('x' * 990 + os.environ['K'])\nsys.stdout.flush()\nimport time\ntime.sleep(5)")
                        .secret("K", secret)
                        .limits(l -> l.maxOutputBytes(1000))
                        .build());

        assertThat(r.output().stdoutTruncated()).isTrue();
        assertThat(r.stdout()).doesNotContain("sk-live-AB").endsWith(Redactor.MASK);
    }
}
