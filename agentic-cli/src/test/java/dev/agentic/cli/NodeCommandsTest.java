package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.Language;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * JavaScript and TypeScript from the command line: {@code --node} on the commands that run programs, against the
 * real local sandbox and a real Node.js ({@link TestNode}), and the one-line refusal where no validator exists.
 */
class NodeCommandsTest {
    private static final List<String> CODE_COMMANDS = List.of("exec", "run", "repl", "serve");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void execRunsMainJsWithTheNodeThatNodeNamesNotTheOneOnPath() throws IOException {
        Path node = TestNode.path();
        // A second name for the same executable, outside PATH (and outside /tmp, which the sandbox replaces with
        // its own): the program's process.execPath shows which node ran it.
        Path elsewhere = TestNode.linkedUnder(Path.of("target"), node);
        String program = file("main.js", "console.log(process.execPath, process.version, 6 * 7);\n");
        try {
            int code = run("exec", "--no-validate", "--node", elsewhere.toString(), program);

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo(elsewhere + " " + TestNode.version(node) + " 42\n");
            assertThat(err.toString()).contains("SUCCEEDED");
        } finally {
            TestNode.deleteLink(elsewhere);
        }
    }

    @Test
    void execTellsTypeScriptByItsExtensionAndRunsItWithANodeThatStripsTypes() throws IOException {
        Path node = TestNode.strippingTypes();
        String program = file(
                "main.ts",
                "interface Row { name: string; n: number }\n"
                        + "const rows: Row[] = [{ name: 'a', n: 40 }, { name: 'b', n: 2 }];\n"
                        + "const total: number = rows.reduce((s: number, r: Row) => s + r.n, 0);\n"
                        + "console.log(`total ${total}`);\n");

        int code = run("exec", "--no-validate", "--node", node.toString(), program);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("total 42\n");
    }

    @Test
    void aTooOldNodeForTypeScriptIsRefusedNamingTheSandboxAndTheFlagThatHelps() throws IOException {
        Path old = TestNode.fake("v20.1.0");
        String program = file("main.ts", "const n: number = 1;\nconsole.log(n);\n");

        int code = run("exec", "--no-validate", "--node", old.toString(), program);

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString())
                .contains("does not run TYPESCRIPT")
                .contains("--node PATH picks a Node.js that runs TypeScript (22.6 or later)")
                .contains("LocalSandbox")
                .doesNotContain("DeferredSandbox@");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingNodeIsOneLineAndExitTwoOnEveryCommandThatRunsCode() throws IOException {
        String missing = dir.resolve("no-such-node").toString();
        String answer = file("answer.md", "```python\nprint('hi')\n```\n");
        String program = file("main.js", "console.log(1);\n");
        List<List<String>> lines = List.of(
                List.of("exec", "--no-validate", "--node", missing, program),
                List.of(
                        "run",
                        "Say hi",
                        "--model",
                        "scripted:" + answer,
                        "--store",
                        dir.resolve("runs").toString(),
                        "--node",
                        missing),
                List.of("repl", "--language", "javascript", "--node", missing),
                List.of("serve", "--port", "0", "--store", dir.resolve("web").toString(), "--node", missing));
        for (List<String> line : lines) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);

            int code = run(line.toArray(String[]::new));

            assertThat(code).as(line.get(0)).isEqualTo(AgenticCli.USAGE);
            assertThat(errLines())
                    .as(line.get(0))
                    .containsExactly("agentic " + line.get(0) + ": --node " + missing + " does not exist; point "
                            + "--node at a Node.js executable, such as /opt/node/bin/node, or leave it out to use the "
                            + "node on PATH.");
        }
        assertThat(dir.resolve("runs")).doesNotExist();
        assertThat(dir.resolve("web")).doesNotExist();
    }

    @Test
    void aNodeThatIsADirectoryOrNotExecutableIsRefusedSayingWhich() throws IOException {
        String program = file("main.js", "console.log(1);\n");
        String plain = file("node", "not a program");

        assertThat(run("exec", "--no-validate", "--node", plain, program)).isEqualTo(AgenticCli.USAGE);
        assertThat(run("exec", "--no-validate", "--node", dir.toString(), program))
                .isEqualTo(AgenticCli.USAGE);

        assertThat(errLines())
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first).contains("--node " + plain + " is not executable"),
                        second -> assertThat(second).contains("--node " + dir + " is not a file"));
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void execOfJavaScriptWithoutNoValidateSaysInOneLineThatNoValidatorExists() throws IOException {
        String program = file("main.js", "console.log('never runs');\n");

        int code = run("exec", program);

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(errLines())
                .containsExactly("agentic exec: there is no validator for JavaScript (Node.js) programs (there are "
                        + "for python, java); --no-validate runs " + program + " unvalidated, inside the sandbox, "
                        + "which still isolates it.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void execOfTypeScriptWithJsonReportsTheMissingValidatorAsAConfigurationError() throws IOException {
        int code = run("exec", "--json", file("main.ts", "console.log(1);\n"));

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.get("status").asText()).isEqualTo("ERROR");
        assertThat(j.get("error").get("kind").asText()).isEqualTo("CONFIGURATION");
        assertThat(j.get("error").get("message").asText())
                .startsWith("there is no validator for TypeScript programs")
                .contains("--no-validate");
    }

    @Test
    void runOfAJavaScriptTaskIsRefusedInOneLineBeforeTheModelIsAsked() throws IOException {
        String answer = file("answer.md", "```javascript\nconsole.log('hi')\n```\n");

        int code = run(
                "run",
                "Say hi",
                "--model",
                "scripted:" + answer,
                "--language",
                "javascript",
                "--store",
                dir.resolve("runs").toString());

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(errLines())
                .containsExactly("agentic run: there is no validator for JavaScript (Node.js) programs (there are "
                        + "for python, java); run validates every program it generates, so it cannot run javascript "
                        + "tasks: use --language python or java, or run a javascript file with agentic exec FILE "
                        + "--no-validate.");
        assertThat(dir.resolve("runs")).as("no model call, no record").doesNotExist();
    }

    @Test
    void serveOfTypeScriptIsRefusedInOneLineBeforeItServes() {
        int code = run(
                "serve",
                "--port",
                "0",
                "--language",
                "typescript",
                "--store",
                dir.resolve("web").toString());

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(errLines())
                .containsExactly("agentic serve: there is no validator for TypeScript programs (there are for python, "
                        + "java); the web app validates every program it runs, so it cannot serve typescript: use "
                        + "--language python or java.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void validateOfJavaScriptSaysInOneLineThatNoValidatorExistsAndHowToRunIt() throws IOException {
        String program = file("main.js", "console.log(1);\n");

        int code = run("validate", program);

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(errLines())
                .containsExactly("agentic validate: there is no validator for JavaScript (Node.js) programs (there "
                        + "are for python, java); agentic exec " + program + " --no-validate runs it unvalidated, "
                        + "inside the sandbox.");
    }

    @Test
    void execLanguageHelpListsEveryLanguage() {
        OptionSpec language = AgenticCli.commandLine()
                .getSubcommands()
                .get("exec")
                .getCommandSpec()
                .findOption("--language");

        for (Language l : Language.values()) {
            assertThat(language.paramLabel()).contains(l.id());
        }
    }

    @Test
    void everyCommandThatRunsCodeDescribesEachSharedOptionFromItsOwnBundle() {
        CommandLine cli = AgenticCli.commandLine();
        for (String command : CODE_COMMANDS) {
            CommandLine.Model.CommandSpec spec =
                    cli.getSubcommands().get(command).getCommandSpec();
            for (String option :
                    List.of("--node", "--allow-host", "--python-env", "--secret", "--policy", "--allow-module")) {
                assertThat(String.join(" ", spec.findOption(option).description()))
                        .as(command + " " + option)
                        .isNotBlank();
            }
            assertThat(String.join(" ", spec.findOption("--node").description()))
                    .as(command)
                    .contains("Node.js")
                    .contains("default: node on PATH");
        }
    }
}
