package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code agentic repl} with piped input, against the real local sandbox. */
class ReplCommandTest {

    record Run(int exit, String out, String err) {}

    static Run repl(String input, String... args) {
        CommandLine cli = AgenticCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ReplCommand repl = cli.getSubcommands().get("repl").getCommand();
        repl.input = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        String[] all = new String[args.length + 1];
        all[0] = "repl";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void pipedLinesKeepStateAndPrintOutput() {
        Run r = repl("x = 41\nprint(x + 1)\n");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("42\n");
    }

    @Test
    void blocksValuesErrorsResetAndFilesWorkLikePythonsPrompt() {
        Run r = repl("def f(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n\n"
                + "f(4)\n"
                + "for i in range(2):\n    print('loop', i)\nprint('after')\n"
                + "open('made.txt', 'w').write('abc')\n"
                + ":files\n"
                + "raise ValueError('boom')\n"
                + ":reset\n"
                + "print('f' in globals())\n"
                + ":quit\n"
                + "print('never')\n");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("6\nloop 0\nloop 1\nafter\n3\nmade.txt  3 bytes\nFalse\n");
        assertThat(r.err()).contains("ValueError: boom").contains("state cleared");
    }

    @Test
    void environmentAndSecretsReachTheSessionAndTheSecretIsMasked() {
        Run r = repl(
                "import os\nprint(os.environ['REGION'], os.environ['TOKEN'])\n",
                "--env",
                "REGION=eu-west-1",
                "--secret",
                "TOKEN=env:PATH");

        assertThat(r.out()).isEqualTo("eu-west-1 [REDACTED]\n");
    }

    @Test
    void aSnippetOverItsTimeoutIsReportedAndTheSessionGoesOn() {
        Run r = repl("import time\nkept = 1\ntime.sleep(30)\nprint(kept)\n", "--timeout", "1s");

        assertThat(r.err()).contains("TIMED_OUT");
        assertThat(r.out()).isEqualTo("1\n");
    }

    @Test
    void aJavaScriptSessionKeepsStateAndReadsMultiLineFunctions() {
        Run r = repl(
                "let x = 41\nfunction f() {\n  return x + 1;\n}\nconsole.log(f())\nx = 1\n",
                "--language",
                "javascript",
                "--node",
                TestNode.path().toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("42\n1\n");
    }

    @Test
    void aTypeScriptSessionStripsTypesAndPrintsTheValue() {
        Run r = repl(
                "interface Box {\n  n: number;\n}\nconst b: Box = { n: 2 }\nb.n * 21\n",
                "--language",
                "typescript",
                "--node",
                TestNode.strippingTypes().toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("42\n");
    }
}
