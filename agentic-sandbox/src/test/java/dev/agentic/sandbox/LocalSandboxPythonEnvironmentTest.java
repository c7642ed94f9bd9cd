package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.sandbox.internal.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Python environment made on the host (venv + pip, offline, from the wheel vendored in test resources) is
 * importable inside the sandbox, read-only, and listed by {@link LocalSandbox#environment()}.
 */
class LocalSandboxPythonEnvironmentTest {
    private static final String PROBE = "import agentic_demo_pkg, os\nprint(agentic_demo_pkg.greet('sandbox'))\n"
            + "target = os.path.join(os.path.dirname(agentic_demo_pkg.__file__), 'planted.py')\n"
            + "try:\n    open(target, 'w').write('x = 1')\n    print('wrote', target)\n"
            + "except OSError as e:\n    print('read-only:', e.strerror)";

    private static Path env;
    private static LocalSandbox sandbox;

    @BeforeAll
    static void createEnvironment() throws IOException {
        // under target/, not a 0700 temp dir: the sandbox uid must be able to enter it when tests run as root
        Path base = Files.createDirectories(Path.of("target", "python-envs")).toRealPath();
        env = base.resolve("demo-" + System.nanoTime());
        Path wheels = Path.of("src", "test", "resources", "python-packages").toRealPath();
        Path requirements = Files.writeString(
                base.resolve("requirements-" + System.nanoTime() + ".txt"),
                "--no-index\n--find-links " + wheels + "\nagentic-demo-pkg==1.0.0\n");
        PythonEnvironments.create(env, requirements);
        sandbox = LocalSandbox.builder().pythonEnvironment(env).build();
    }

    @AfterAll
    static void close() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (env != null) {
            RunDirectory.deleteTree(env);
        }
    }

    @Test
    void programsImportTheEnvironmentsPackageAndCannotWriteToIt() {
        ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python(PROBE)));

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("hello, sandbox from agentic_demo_pkg").contains("read-only:");
        assertThat(r.stdout()).doesNotContain("wrote");
        assertThat(Files.exists(env.resolve("lib"))).isTrue();
    }

    @Test
    void sessionsImportItToo() {
        try (SandboxSession s = sandbox.openSession(SessionOptions.of(Language.PYTHON))) {
            ExecutionResult r =
                    s.execute(SessionRequest.of(Code.python("import agentic_demo_pkg\nagentic_demo_pkg.greet('s')")));

            assertThat(r.output().value()).contains("'hello, s from agentic_demo_pkg'");
        }
    }

    @Test
    void theEnvironmentListsThePackageForThePrompt() {
        assertThat(sandbox.environment())
                .hasValueSatisfying(e -> assertThat(e.packages(Language.PYTHON)).contains("agentic_demo_pkg"));
    }

    @Test
    void theEnvironmentsInterpreterAsPythonStandsForTheEnvironment() {
        try (LocalSandbox viaPython =
                LocalSandbox.builder().python(env.resolve("bin/python3")).build()) {
            ExecutionResult r = viaPython.execute(ExecutionRequest.of(Code.python(PROBE)));

            assertThat(r.stdout()).contains("hello, sandbox from agentic_demo_pkg");
        }
    }

    @Test
    void withoutTheEnvironmentThePackageIsNotThere() {
        try (LocalSandbox plain = LocalSandbox.builder().build()) {
            ExecutionResult r = plain.execute(ExecutionRequest.of(Code.python("import agentic_demo_pkg")));

            assertThat(r.stderr()).contains("ModuleNotFoundError");
        }
    }

    @Test
    void aDirectoryThatIsNotAnEnvironmentIsRefusedSayingHowToMakeOne() throws IOException {
        Path notEnv = Files.createDirectories(Path.of("target", "python-envs", "not-an-env"));

        assertThatThrownBy(
                        () -> LocalSandbox.builder().pythonEnvironment(notEnv).build())
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("pyvenv.cfg")
                .hasMessageContaining("agentic env create");
    }
}
