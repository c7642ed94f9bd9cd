package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Feeds every option of every command malformed values, one at a time on an otherwise valid command line, and
 * checks that each ends with exit code 2 and a message — never a Java stack trace. A new option fails this test
 * until its malformed values are listed here.
 */
class MalformedFlagsTest {
    private static final List<String> SIZES = List.of("", "x", "-1", "12q", "99999999999999999999", "9999999999g");
    private static final List<String> DURATIONS =
            List.of("", "x", "-1", "5 parsecs", "99999999999999999999", "9999999999999999h");
    private static final List<String> HOSTS =
            List.of(":80", "", "https://api.example.com", "a b", "[::1", "host:0", "host:99999", "a:b:c", "[");
    private static final List<String> PAIRS = List.of("", "NAME", "=value", "\u0000");
    private static final List<String> SECRETS = List.of("", "NAME", "=env:X", "K=nope:zzz", "K=env:", "K=");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path program;
    private Path answer;
    private Path notUtf8;
    private Path aFile;

    @BeforeEach
    void files() throws Exception {
        program = Files.writeString(dir.resolve("ok.py"), "print('hi')\n");
        answer = Files.writeString(dir.resolve("answer.md"), "```python\nprint('hi')\n```\n");
        notUtf8 = Files.write(dir.resolve("latin1.py"), "print('\u00e9')\n".getBytes(StandardCharsets.ISO_8859_1));
        aFile = Files.writeString(dir.resolve("plain.txt"), "x");
    }

    /** Per command: a valid command line, and the malformed values of each option (by its longest name). */
    private Map<String, Map<String, List<String>>> malformed() {
        List<String> paths = List.of(dir.resolve("missing.py").toString(), dir.toString(), "", "\u0000");
        List<String> pythonEnvs =
                List.of(dir.resolve("missing-env").toString(), dir.toString(), aFile.toString(), "\u0000");
        List<String> nodes =
                List.of(dir.resolve("missing-node").toString(), dir.toString(), aFile.toString(), "", "\u0000");
        Map<String, Map<String, List<String>>> m = new LinkedHashMap<>();
        m.put(
                "run",
                Map.ofEntries(
                        Map.entry("--model", List.of("", "nope", answer.toString(), "scripted:", "scripted:/nope")),
                        Map.entry("--region", List.of("", "us west 2", "-us", "us-west-2/", "\u0000")),
                        Map.entry("--sandbox", List.of("", "nope", "nope:x")),
                        Map.entry("--setup", List.of("", " ", "pip install x")),
                        Map.entry("--store", List.of("nope://x", aFile.toString(), "\u0000")),
                        Map.entry("--integration", List.of("", "a/b", "..", "a b")),
                        Map.entry("--secret", SECRETS),
                        Map.entry("--env", PAIRS),
                        Map.entry("--allow-host", HOSTS),
                        Map.entry("--language", List.of("", "cobol")),
                        Map.entry("--output", List.of("")),
                        Map.entry("--max-attempts", List.of("0", "-1", "x", "99999999999999")),
                        Map.entry("--python-env", pythonEnvs),
                        Map.entry("--node", nodes),
                        Map.entry("--policy", List.of("", "lax")),
                        Map.entry("--allow-module", List.of("", "   ")),
                        Map.entry(
                                "--output-dir",
                                List.of(aFile.toString(), aFile.resolve("sub").toString()))));
        m.put(
                "validate",
                Map.of(
                        "--language", List.of("", "cobol"),
                        "--policy", List.of("", "lax"),
                        "--allow-module", List.of("", "   "),
                        "--allow-host", HOSTS));
        m.put(
                "exec",
                Map.ofEntries(
                        Map.entry("--language", List.of("", "cobol")),
                        Map.entry("--timeout", DURATIONS),
                        Map.entry("--memory", SIZES),
                        Map.entry("--cpu", DURATIONS),
                        Map.entry("--max-output", SIZES),
                        Map.entry("--allow-host", HOSTS),
                        Map.entry("--env", PAIRS),
                        Map.entry("--secret", SECRETS),
                        Map.entry("--input", paths),
                        Map.entry("--python-env", pythonEnvs),
                        Map.entry("--node", nodes),
                        Map.entry("--policy", List.of("", "lax")),
                        Map.entry("--allow-module", List.of("", "   ")),
                        Map.entry("--sandbox", List.of("", "nope", "nope:x", "agentcore:")),
                        Map.entry("--setup", List.of("", " ", "pip install x")),
                        Map.entry("--output", List.of("")),
                        Map.entry(
                                "--output-dir",
                                List.of(aFile.toString(), aFile.resolve("sub").toString()))));
        m.put("demo", Map.of("--store", List.of(aFile.toString(), "\u0000")));
        m.put(
                "serve",
                Map.ofEntries(
                        Map.entry("--port", List.of("", "x", "-1", "65536", "99999999999")),
                        Map.entry("--host", List.of("", "a b", "\u0000", "-x", "http://127.0.0.1")),
                        Map.entry("--model", List.of("", "nope", answer.toString(), "scripted:", "scripted:/nope")),
                        Map.entry("--region", List.of("", "us west 2", "-us", "us-west-2/", "\u0000")),
                        Map.entry("--sandbox", List.of("", "nope", "nope:x")),
                        Map.entry("--store", List.of("nope://x", aFile.toString(), "\u0000")),
                        Map.entry("--integration", List.of("", "a/b", "..", "a b")),
                        Map.entry("--secret", SECRETS),
                        Map.entry("--allow-host", HOSTS),
                        Map.entry("--language", List.of("", "cobol")),
                        Map.entry("--max-attempts", List.of("0", "-1", "x", "99999999999999")),
                        Map.entry("--max-runs", List.of("0", "-1", "x", "99999999999999")),
                        Map.entry("--idle-timeout", DURATIONS),
                        Map.entry("--python-env", pythonEnvs),
                        Map.entry("--node", nodes),
                        Map.entry("--policy", List.of("", "lax")),
                        Map.entry("--allow-module", List.of("", "   "))));
        m.put(
                "repl",
                Map.ofEntries(
                        Map.entry("--language", List.of("", "cobol", "java")),
                        Map.entry("--timeout", DURATIONS),
                        Map.entry("--memory", SIZES),
                        Map.entry("--allow-host", HOSTS),
                        Map.entry("--env", PAIRS),
                        Map.entry("--secret", SECRETS),
                        Map.entry("--python-env", pythonEnvs),
                        Map.entry("--node", nodes),
                        Map.entry("--policy", List.of("", "lax")),
                        Map.entry("--allow-module", List.of("", "   "))));
        m.put(
                "records",
                Map.of(
                        "--store", List.of("nope://x", aFile.toString(), "\u0000"),
                        "--integration", List.of("", "..", "a b"),
                        "--last", List.of("0", "-1", "x", "99999999999999")));
        return m;
    }

    private List<String> valid(String command) {
        switch (command) {
            case "run":
                return List.of(
                        "run",
                        "Say hi",
                        "--model",
                        "scripted:" + answer,
                        "--store",
                        dir.resolve("runs").toString());
            case "validate":
                return List.of("validate", program.toString());
            case "exec":
                return List.of("exec", program.toString());
            case "serve":
                // never started: each case adds one malformed value, which must stop it before it serves
                return List.of("serve", "--store", dir.resolve("runs").toString());
            default:
                return List.of(command);
        }
    }

    @Test
    void everyOptionOfEveryCommandListsItsMalformedValues() {
        CommandLine cli = AgenticCli.commandLine();
        Map<String, Map<String, List<String>>> malformed = malformed();
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            TreeSet<String> valued = new TreeSet<>();
            for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
                if (o.arity().max() > 0 && !o.usageHelp() && !o.versionHelp()) {
                    valued.add(o.longestName());
                }
            }
            assertThat(malformed.getOrDefault(sub.getKey(), Map.of()).keySet())
                    .as("options of '%s' that take a value", sub.getKey())
                    .containsExactlyInAnyOrderElementsOf(valued);
        }
    }

    @Test
    void everyMalformedOptionValueEndsWithExitTwoAndAMessageNeverAStackTrace() {
        List<String> problems = new ArrayList<>();
        malformed()
                .forEach((command, options) -> options.forEach((option, values) -> {
                    for (String value : values) {
                        List<String> args = new ArrayList<>(valid(command));
                        if (option.equals("--model")) {
                            args.set(args.indexOf("--model") + 1, value);
                        } else {
                            args.add(option);
                            args.add(value);
                        }
                        check(args, problems);
                    }
                }));
        assertThat(problems).isEmpty();
    }

    @Test
    void malformedFilesAndArgumentsEndWithExitTwoAndSayWhatIsWrong() {
        List<String> problems = new ArrayList<>();
        for (String command : List.of("validate", "exec")) {
            check(List.of(command, dir.resolve("missing.py").toString()), problems);
            check(List.of(command, dir.toString(), "--language", "python"), problems);
            check(List.of(command, notUtf8.toString()), problems);
            check(List.of(command, "\u0000"), problems);
            check(List.of(command), problems);
        }
        check(List.of("run", "", "--model", "scripted:" + answer), problems);
        check(List.of("run", "Say hi"), problems);
        check(List.of("nope"), problems);
        check(List.of("--nope"), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void rawReadErrorsBecomeMessagesNamingTheFileAndTheProblem() {
        assertThat(run("exec", notUtf8.toString())).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains(notUtf8 + " is not UTF-8 text").doesNotContain("Input length");
        err.getBuffer().setLength(0);
        assertThat(run("exec", dir.toString(), "--language", "python")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains(dir + " is a directory");
        err.getBuffer().setLength(0);
        assertThat(run("exec", program.toString(), "--input", dir.toString())).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("--input " + dir + " is a directory");
    }

    @Test
    void anAllowedHostWithoutAHostNameIsRefused() {
        assertThat(run("exec", program.toString(), "--allow-host", ":80")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("--allow-host", "':80'");
    }

    @Test
    void aModelSpecThatIsAFileSuggestsTheScriptedScheme() {
        assertThat(run("run", "Say hi", "--model", answer.toString())).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("--model scripted:" + answer);
    }

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void check(List<String> args, List<String> problems) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        int code = run(args.toArray(String[]::new));
        String all = out + "\n" + err;
        UnaryOperator<String> shown = s -> s.replace("\u0000", "\\0");
        if (code != AgenticCli.USAGE) {
            problems.add(shown.apply(args + " exited " + code + ": " + all.strip()));
        } else if (all.contains("\tat ") || all.contains("Exception in thread") || all.contains(".java:")) {
            problems.add(shown.apply(args + " printed a stack trace: " + all.strip()));
        } else if (err.toString().isBlank()) {
            problems.add(shown.apply(args + " exited 2 without a message"));
        }
    }
}
