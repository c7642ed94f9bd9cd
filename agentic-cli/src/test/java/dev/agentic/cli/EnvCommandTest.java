package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code agentic env create} makes an environment from a requirements file (offline: the wheel vendored in test
 * resources), and {@code exec --python-env} and {@code repl --python-env} import its package.
 */
class EnvCommandTest {

    @Test
    void createdEnvironmentServesExecAndRepl() throws IOException {
        // under target/: the sandbox uid must be able to enter it when tests run as root
        Path base = Files.createDirectories(Path.of("target", "python-envs")).toRealPath();
        Path env = base.resolve("cli-" + System.nanoTime());
        Path wheels = Path.of("src", "test", "resources", "python-packages").toRealPath();
        Path requirements = Files.writeString(
                base.resolve("requirements-" + System.nanoTime() + ".txt"),
                "--no-index\n--find-links " + wheels + "\nagentic-demo-pkg==1.0.0\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int created = AgenticCli.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "env",
                "create",
                env.toString(),
                "-r",
                requirements.toString());

        assertThat(created).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo(env.toString());
        Path program = Files.writeString(
                base.resolve("uses_pkg.py"), "import agentic_demo_pkg\nprint(agentic_demo_pkg.greet('cli'))\n");
        StringWriter execOut = new StringWriter();
        StringWriter execErr = new StringWriter();
        int ran = AgenticCli.run(
                new PrintWriter(execOut),
                new PrintWriter(execErr),
                "exec",
                "--python-env",
                env.toString(),
                program.toString());
        assertThat(ran).as(execErr.toString()).isZero();
        assertThat(execOut.toString()).isEqualTo("hello, cli from agentic_demo_pkg\n");

        ReplCommandTest.Run repl = ReplCommandTest.repl(
                "import agentic_demo_pkg\nagentic_demo_pkg.greet('repl')\n", "--python-env", env.toString());
        assertThat(repl.out()).isEqualTo("'hello, repl from agentic_demo_pkg'\n");
    }

    @Test
    void aMissingRequirementsFileIsAUsageError() {
        StringWriter err = new StringWriter();

        int exit = AgenticCli.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "env",
                "create",
                "target/never",
                "-r",
                "missing.txt");

        assertThat(exit).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("missing.txt");
    }
}
