package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --policy strict} with {@code --python-env}: the environment's packages are allowed by the gate in
 * {@code exec}, {@code run} and {@code repl} (and {@code serve}, see {@link ServeCommandTest}); without the
 * environment the same import is rejected. The environment here is a bare site-packages directory.
 */
class PythonEnvPolicyTest {
    private static final String PROGRAM = "import agentic_demo_pkg\nprint(agentic_demo_pkg.greet('strict'))\n";
    private static Path site;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void install() throws IOException, InterruptedException {
        site = TestSitePackages.create();
    }

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void execStrictRejectsTheImportWithoutTheEnvironment() throws IOException {
        Path program = Files.writeString(dir.resolve("p.py"), PROGRAM);

        int exit = run("exec", "--policy", "strict", program.toString());

        assertThat(exit).isEqualTo(AgenticCli.NOT_OK);
        assertThat(err.toString()).contains("REJECTED").contains("agentic_demo_pkg");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void execStrictWithTheEnvironmentAllowsItsPackages() throws IOException {
        Path program = Files.writeString(dir.resolve("p.py"), PROGRAM);

        int exit = run("exec", "--policy", "strict", "--python-env", site.toString(), program.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("hello, strict from agentic_demo_pkg\n");
    }

    @Test
    void strictStillRejectsWhatTheEnvironmentDoesNotProvide() throws IOException {
        Path program = Files.writeString(dir.resolve("p.py"), "import agentic_demo_pkg\nimport ctypes\n");

        int exit = run("exec", "--policy", "strict", "--python-env", site.toString(), program.toString());

        assertThat(exit).isEqualTo(AgenticCli.NOT_OK);
        assertThat(err.toString()).contains("REJECTED").contains("ctypes").doesNotContain("'agentic_demo_pkg'");
    }

    @Test
    void runStrictWithTheEnvironmentSucceedsAndWithoutItIsRejected() throws IOException {
        Path answer = Files.writeString(dir.resolve("a.md"), "```python\n" + PROGRAM + "```\n");

        int with = run(
                "run",
                "Greet",
                "--model",
                "scripted:" + answer,
                "--max-attempts",
                "1",
                "--store",
                dir.resolve("runs").toString(),
                "--policy",
                "strict",
                "--python-env",
                site.toString(),
                "--json");

        assertThat(with).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.at("/result/stdout").asText()).isEqualTo("hello, strict from agentic_demo_pkg\n");
        out.getBuffer().setLength(0);

        int without = run(
                "run",
                "Greet",
                "--model",
                "scripted:" + answer,
                "--max-attempts",
                "1",
                "--store",
                dir.resolve("runs").toString(),
                "--policy",
                "strict",
                "--json");

        assertThat(without).isEqualTo(AgenticCli.NOT_OK);
        assertThat(new ObjectMapper().readTree(out.toString()).get("status").asText())
                .isNotEqualTo("SUCCEEDED");
    }

    @Test
    void replValidatesSnippetsOnlyWithAPolicy() {
        ReplCommandTest.Run strict = ReplCommandTest.repl(PROGRAM, "--policy", "strict");
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err()).contains("REJECTED by validation (not run)");

        ReplCommandTest.Run withEnv =
                ReplCommandTest.repl(PROGRAM, "--policy", "strict", "--python-env", site.toString());
        assertThat(withEnv.out()).as(withEnv.err()).isEqualTo("hello, strict from agentic_demo_pkg\n");

        ReplCommandTest.Run unvalidated = ReplCommandTest.repl("import socket\nprint('ran')\n");
        assertThat(unvalidated.out()).isEqualTo("ran\n");
    }

    @Test
    void theSharedOptionsKeepEachCommandsHelpText() {
        String exec = help("exec");
        String runHelp = help("run");
        String repl = help("repl");
        String serve = help("serve");

        assertThat(oneLine(exec)).contains("Allow network access to this host (repeatable).");
        assertThat(oneLine(runHelp)).contains("Let the program reach this host (repeatable).");
        assertThat(oneLine(repl)).contains("Allow network access (repeatable).", "Environment variable (repeatable).");
        assertThat(oneLine(serve)).contains("never sent to the page.", "--python-env=DIR");
        assertThat(oneLine(help("validate"))).contains("standard (a lint: deny list, the default)");
    }

    private String help(String command) {
        StringWriter o = new StringWriter();
        AgenticCli.run(new PrintWriter(o, true), new PrintWriter(new StringWriter(), true), command, "--help");
        return o.toString();
    }

    private static String oneLine(String help) {
        return help.replaceAll("\\s+", " ");
    }
}
