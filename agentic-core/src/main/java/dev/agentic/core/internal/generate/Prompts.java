package dev.agentic.core.internal.generate;

import dev.agentic.core.Code;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.Language;
import dev.agentic.core.Task;
import dev.agentic.core.Turn;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.validate.Finding;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The prompts the default generator sends: a system prompt per language, the user prompt for a task (with
 * the conversation so far), and the repair part for each kind of {@link Feedback}.
 *
 * <p>Prompts carry the <em>names</em> of the environment variables that hold secrets, never their values
 * (a {@link Task} holds only references; resolved values never reach this class). Plain environment
 * variables are listed by name only as well. Stateless and thread-safe.
 */
public final class Prompts {
    /** How much of stderr a repair prompt carries (the end, where the error is). */
    public static final int STDERR_TAIL = 2000;
    /** How much of stdout a repair prompt carries. */
    public static final int STDOUT_TAIL = 1000;

    private Prompts() {}

    /** The default system prompt for programs in {@code language}, for a sandbox that does not describe itself. */
    public static String system(Language language) {
        return system(language, Optional.empty());
    }

    /**
     * The default system prompt for programs in {@code language} running in a sandbox described by
     * {@code environment}: its runtime and importable third-party modules when known.
     */
    public static String system(Language language, Optional<SandboxEnvironment> environment) {
        String common = "Answer with exactly one fenced code block (```" + language.id() + " ... ```) holding the "
                + "whole program, and nothing else that looks like code. Rules for the program:\n"
                + "- Read secrets only from the environment variables named in the task, e.g. "
                + envRead(language) + "; never hard-code, print, log or write a secret anywhere.\n"
                + "- Reach only the hosts the task allows; make no other network connection.\n"
                + "- Print the result to standard output; print errors to standard error.\n"
                + "- Exit with a non-zero status when the task fails (for example an HTTP error), so the "
                + "failure is visible.\n"
                + "- Read input files by their relative name from the working directory; write output files "
                + "there too.\n"
                + "- Do not ask questions, do not wait for input, do not start servers.\n";
        switch (language) {
            case PYTHON:
                return "You write complete, runnable Python 3 programs (a single file, run as `python3 main.py`). "
                        + pythonEnvironment(environment) + "\n" + common;
            case JAVA:
                return "You write complete, runnable Java 17 programs in a single source file, run with "
                        + "`java Main.java`. Declare `public class Main` with a `public static void main(String[] "
                        + "args)` (any top-level class with a main method works). Use only the JDK "
                        + "(java.net.http.HttpClient for HTTP); no third-party libraries, no package declaration.\n"
                        + common;
            case JAVASCRIPT:
                return "You write complete, runnable JavaScript programs for Node.js (a single file, run as "
                        + "`node main.js`). Use only Node's built-in modules and the global fetch.\n" + common;
            case TYPESCRIPT:
                return "You write complete, runnable TypeScript programs (a single file, run by type stripping "
                        + "as `node main.ts`). Use only erasable type syntax: annotations, interfaces and type "
                        + "aliases; no enum, namespace or constructor parameter properties. Use only built-in "
                        + "modules and the global fetch.\n" + common;
            default:
                throw new IllegalArgumentException("no prompt for " + language);
        }
    }

    private static String pythonEnvironment(Optional<SandboxEnvironment> environment) {
        String runtime = environment
                .flatMap(e -> e.runtime(Language.PYTHON))
                .map(r -> "The sandbox runs " + r + ". ")
                .orElse("");
        boolean known = environment.map(e -> e.packagesKnown(Language.PYTHON)).orElse(false);
        List<String> packages =
                environment.map(e -> e.packages(Language.PYTHON)).orElse(List.of());
        if (!known) {
            return runtime + "Use only the standard library (for HTTP: urllib.request); third-party packages may "
                    + "not be installed.";
        }
        if (packages.isEmpty()) {
            return runtime + "Only the standard library is installed (for HTTP: urllib.request); importing any "
                    + "third-party package such as requests fails.";
        }
        return runtime + "Besides the standard library, only these third-party modules can be imported: "
                + String.join(", ", packages) + ". Importing anything else fails"
                + (packages.contains("requests") ? "." : " (requests is not installed; for HTTP use urllib.request).");
    }

    /** The user message for {@code request}: task, context, history, and the repair part when repairing. */
    public static String user(GenerationRequest request) {
        StringBuilder p = new StringBuilder();
        if (!request.history().isEmpty()) {
            p.append("Earlier tasks in this conversation, oldest first, with the programs that did them:\n\n");
            int n = 1;
            for (Turn turn : request.history()) {
                p.append("Earlier task ")
                        .append(n++)
                        .append(": ")
                        .append(turn.task().description())
                        .append('\n');
                fence(p, turn.code());
                if (!turn.outputSummary().isBlank()) {
                    p.append("Its output:\n")
                            .append(turn.outputSummary().strip())
                            .append("\n");
                }
                p.append('\n');
            }
            p.append("The new task follows; it may refer to the earlier ones.\n\n");
        }
        task(p, request.task());
        request.repair()
                .ifPresent(f -> p.append('\n').append(repair(f, request.task().language())));
        return p.toString();
    }

    /** The task and everything the program may use. */
    static void task(StringBuilder p, Task task) {
        Language language = task.language();
        p.append("Task: ").append(task.description().strip()).append("\n\n");
        p.append("Language: ").append(language.displayName()).append('\n');
        if (task.secrets().isEmpty()) {
            p.append("Secrets: none.\n");
        } else {
            p.append("Secrets (read each from its environment variable; the values are not shown to you): ")
                    .append(task.secrets().keySet().stream().sorted().collect(Collectors.joining(", ")))
                    .append('\n');
        }
        List<HostPort> hosts = task.network().allowedHosts();
        if (task.network().isNone() || hosts.isEmpty()) {
            p.append("Network: none; the program must not connect anywhere.\n");
        } else {
            p.append("Allowed hosts (no others are reachable): ")
                    .append(hosts.stream()
                            .map(h -> h.explicitPort().isPresent() ? h.host() + ":" + h.port() : h.host())
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!task.environment().isEmpty()) {
            p.append("Other environment variables set for the program: ")
                    .append(task.environment().keySet().stream().sorted().collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!task.inputFiles().isEmpty()) {
            p.append("Input files in the working directory: ")
                    .append(task.inputFiles().stream().map(InputFile::name).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!task.outputGlobs().isEmpty()) {
            p.append("Write output files matching: ")
                    .append(String.join(", ", task.outputGlobs()))
                    .append('\n');
        }
    }

    /** The repair part of a prompt: the previous attempt and exactly what was wrong with it. */
    public static String repair(Feedback feedback, Language language) {
        StringBuilder p = new StringBuilder();
        if (feedback instanceof Feedback.Rejected rejected) {
            p.append("Your previous program was rejected by the code policy before it ran:\n");
            fence(p, rejected.previous());
            p.append("Findings:\n");
            for (Finding f : rejected.findings()) {
                p.append("- line ")
                        .append(f.line())
                        .append(':')
                        .append(f.column())
                        .append(" [")
                        .append(f.rule())
                        .append("] ")
                        .append(f.message())
                        .append('\n');
            }
            p.append("Fix every finding without working around the policy, and answer with the whole corrected "
                    + "program.\n");
        } else if (feedback instanceof Feedback.RunFailed failed) {
            ExecutionResult result = failed.result();
            p.append("Your previous program ran and did not succeed:\n");
            fence(p, failed.previous());
            p.append("Status: ").append(result.status()).append(outcome(result)).append('\n');
            String stderr = result.output().stderrTail(STDERR_TAIL);
            p.append("Standard error (")
                    .append(
                            stderr.length() < result.stderr().length()
                                    ? "last " + STDERR_TAIL + " characters"
                                    : "complete")
                    .append("):\n");
            p.append(stderr.isBlank() ? "(empty)\n" : quote(stderr));
            String stdout = result.output().stdoutTail(STDOUT_TAIL);
            p.append("Standard output (")
                    .append(
                            stdout.length() < result.stdout().length()
                                    ? "last " + STDOUT_TAIL + " characters"
                                    : "complete")
                    .append("):\n");
            p.append(stdout.isBlank() ? "(empty)\n" : quote(stdout));
            p.append("Find the cause and answer with the whole corrected program.\n");
        } else if (feedback instanceof Feedback.NoCode noCode) {
            p.append("Your previous answer held no program I could use: ")
                    .append(noCode.reason())
                    .append(".\n")
                    .append("Answer again with exactly one fenced code block, ```")
                    .append(language.id())
                    .append(" on its own line, the whole program, then ``` on its own line.\n");
        }
        return p.toString();
    }

    private static String outcome(ExecutionResult result) {
        if (result instanceof ExecutionResult.Failed f) {
            return ", exit code " + f.exitCode();
        } else if (result instanceof ExecutionResult.TimedOut t) {
            return ", stopped after the wall-time limit of " + t.limit().toMillis() + " ms";
        } else if (result instanceof ExecutionResult.Killed k) {
            return ", killed by signal " + k.signal()
                    + (k.limit() == Limit.UNKNOWN
                            ? ""
                            : " for exceeding the " + k.limit().id() + " limit");
        }
        return "";
    }

    private static void fence(StringBuilder p, Code code) {
        String source = code.source();
        String fence = fenceFor(source);
        p.append(fence).append(code.language().id()).append('\n').append(source);
        if (!source.endsWith("\n")) {
            p.append('\n');
        }
        p.append(fence).append('\n');
    }

    private static String quote(String text) {
        String fence = fenceFor(text);
        return fence + "text\n" + text + (text.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    /** A backtick fence longer than any backtick run in {@code content}, so the content cannot close it. */
    static String fenceFor(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String envRead(Language language) {
        switch (language) {
            case PYTHON:
                return "os.environ[\"NAME\"]";
            case JAVA:
                return "System.getenv(\"NAME\")";
            default:
                return "process.env.NAME";
        }
    }
}
