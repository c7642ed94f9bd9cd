package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.sandbox.internal.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bare site-packages directory the host prepared ({@code pip install --no-index --target DIR} from the wheel
 * vendored in test resources) is importable inside the sandbox in runs and sessions, read-only, listed for the
 * prompt, and its import names are read from the metadata.
 */
class LocalSandboxSitePackagesTest {
    private static final String PROBE = "import agentic_demo_pkg, os\nprint(agentic_demo_pkg.greet('site'))\n"
            + "target = os.path.join(os.path.dirname(agentic_demo_pkg.__file__), 'planted.py')\n"
            + "try:\n    open(target, 'w').write('x = 1')\n    print('wrote', target)\n"
            + "except OSError as e:\n    print('read-only:', e.strerror)";

    private static Path site;
    private static LocalSandbox sandbox;

    @BeforeAll
    static void installIntoADirectory() throws IOException, InterruptedException {
        // under target/, not a 0700 temp dir: the sandbox uid must be able to enter it when tests run as root
        Path base = Files.createDirectories(Path.of("target", "python-envs")).toRealPath();
        site = base.resolve("site-" + System.nanoTime());
        Path wheel = Path.of("src", "test", "resources", "python-packages", "agentic_demo_pkg-1.0.0-py3-none-any.whl")
                .toRealPath();
        Process pip = new ProcessBuilder(List.of(
                        "/usr/bin/python3",
                        "-m",
                        "pip",
                        "install",
                        "--no-index",
                        "--disable-pip-version-check",
                        "--no-compile",
                        "--target",
                        site.toString(),
                        wheel.toString()))
                .redirectErrorStream(true)
                .start();
        String log = new String(pip.getInputStream().readAllBytes());
        assertThat(pip.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(pip.exitValue()).as(log).isZero();
        sandbox = LocalSandbox.builder().pythonEnvironment(site).build();
    }

    @AfterAll
    static void close() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (site != null) {
            RunDirectory.deleteTree(site);
        }
    }

    @Test
    void programsImportTheDirectorysPackageAndCannotWriteToIt() {
        ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python(PROBE)));

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("hello, site from agentic_demo_pkg").contains("read-only:");
        assertThat(r.stdout()).doesNotContain("wrote");
        assertThat(site.resolve("agentic_demo_pkg/planted.py")).doesNotExist();
    }

    @Test
    void programsStillRunIsolatedAndKeepTheStandardLibrary() {
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(Code.python("import sys, json\nprint(sys.flags.isolated, sys.flags.ignore_environment)\n"
                        + "print(json.dumps([1]))"))
                .environment("PYTHONPATH", "/tmp/elsewhere")
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("1 1\n[1]\n");
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
    void withoutIsolationTheDirectoryIsOnThePathToo() {
        try (LocalSandbox host = LocalSandbox.builder()
                .isolation(Isolation.NONE)
                .pythonEnvironment(site)
                .build()) {
            ExecutionResult r = host.execute(
                    ExecutionRequest.of(Code.python("import agentic_demo_pkg\nprint(agentic_demo_pkg.greet('host'))")));

            assertThat(r.stdout()).as(r.stderr()).isEqualTo("hello, host from agentic_demo_pkg\n");
        }
    }

    @Test
    void theImportNamesComeFromTheMetadata() {
        assertThat(PythonEnvironments.importNames(site)).containsExactly("agentic_demo_pkg");
    }
}
