package dev.agentic.cli;

import dev.agentic.core.AgenticException;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code agentic repl}: an interactive session in the local sandbox, in Python or, with Node.js, JavaScript or
 * TypeScript. Reads snippets (multi-line input as at the language's own prompt, see {@link SnippetInput}), prints each run's stdout, stderr and the value of its final
 * expression, and keeps the state between snippets; {@code :reset}, {@code :files} and {@code :quit}. Works with
 * piped standard input (no prompts then). Code is not validated unless {@code --policy} is given (then a
 * rejected snippet is reported and not run): the sandbox isolates it either way. Exit 0 at the end of
 * input or {@code :quit}; 2 when the sandbox or the session cannot start.
 */
@Command(
        name = "repl",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.agentic.cli.ReplCommand",
        description = "Interactive Python, JavaScript or TypeScript session in the local sandbox (:reset, :files, "
                + ":quit).")
@Internal
public final class ReplCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where snippets come from; standard input unless a test sets it. */
    InputStream input = System.in;

    @Option(
            names = "--language",
            defaultValue = "python",
            description = "python (default), javascript or typescript (those two need Node.js: --node).")
    String language;

    @Option(
            names = "--timeout",
            defaultValue = "30s",
            description = "Wall-clock limit of each snippet (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--memory", defaultValue = "512m", description = "Memory limit (default ${DEFAULT-VALUE}).")
    String memory;

    @Mixin
    CodeOptions shared;

    @Mixin
    EnvOptions envOptions;

    /** The network of the session, which the validator checks snippets against. */
    private NetworkPolicy network = NetworkPolicy.none();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SessionOptions options;
        ProviderContext context;
        CodeValidator validator;
        try {
            Language lang = Language.parse(language);
            SessionOptions.Builder o = SessionOptions.builder()
                    .language(lang)
                    .network(shared.sandbox.network())
                    .limits(l -> l.wallTime(CliValues.duration("--timeout", timeout))
                            .memoryBytes(CliValues.size("--memory", memory)));
            envOptions.variables().forEach(o::environment);
            for (CliValues.Secret secret : shared.secrets.parsed()) {
                o.secret(secret.name(), secret.source().resolve());
            }
            options = o.build();
            network = options.network();
            context = shared.context(ProviderContext.builder()
                    .loopbackHosts(shared.sandbox.loopbackHosts())
                    .build());
            validator = validator(lang);
        } catch (AgenticException e) {
            err.println("agentic repl: " + e.getMessage());
            return AgenticCli.USAGE;
        }
        boolean interactive = input == System.in && System.console() != null;
        try (Sandbox sandbox = ProviderLookup.sandboxes().named("--sandbox").create("local", context);
                SandboxSession session = sandbox.openSession(options)) {
            if (interactive) {
                err.println("agentic repl: " + options.language().displayName() + " session " + session.id()
                        + " in the local sandbox; :reset, :files, :quit");
                err.flush();
            }
            loop(session, validator, out, err, interactive);
            return AgenticCli.OK;
        } catch (SandboxException e) {
            err.println("agentic repl: " + e.getMessage() + SandboxOptions.nodeHint(e));
            return AgenticCli.USAGE;
        } catch (AgenticException e) {
            err.println("agentic repl: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (IOException e) {
            err.println("agentic repl: cannot read input: " + e.getMessage());
            return AgenticCli.USAGE;
        }
    }

    /** The validator of {@code --policy}, or null when it was not given: then snippets are not validated. */
    private CodeValidator validator(Language lang) {
        ValidationPolicy policy = shared.policy(); // checks the values either way
        if (!spec.commandLine().getParseResult().hasMatchedOption("--policy")) {
            return null;
        }
        return CodeValidator.forLanguage(lang, policy);
    }

    private void loop(
            SandboxSession session, CodeValidator validator, PrintWriter out, PrintWriter err, boolean interactive)
            throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        SnippetInput snippet = SnippetInput.forLanguage(session.language());
        while (true) {
            if (interactive) {
                out.print(snippet.empty() ? ">>> " : "... ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                if (!snippet.empty()) {
                    run(session, validator, snippet.take(), out, err);
                }
                return;
            }
            if (snippet.empty() && line.strip().startsWith(":")) {
                if (!command(session, line.strip(), out, err)) {
                    return;
                }
                continue;
            }
            ReplInput.Step step = snippet.add(line);
            if (step == ReplInput.Step.MORE) {
                continue;
            }
            run(session, validator, snippet.take(), out, err);
            if (step == ReplInput.Step.RUN_THEN_REPEAT && snippet.add(line) == ReplInput.Step.RUN) {
                run(session, validator, snippet.take(), out, err);
            }
        }
    }

    /** Runs a {@code :command}; false to quit. */
    private static boolean command(SandboxSession session, String command, PrintWriter out, PrintWriter err) {
        switch (command) {
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            case ":reset" -> {
                session.reset();
                err.println("agentic repl: state cleared (variables, imports and files)");
            }
            case ":files" -> {
                for (OutputFile f : session.collectFiles("**/*")) {
                    out.println(CliValues.displayable(f.path()) + "  " + f.size() + " bytes");
                }
            }
            default ->
                err.println("agentic repl: unknown command " + CliValues.displayable(command)
                        + "; use :reset, :files or :quit");
        }
        out.flush();
        err.flush();
        return true;
    }

    private void run(SandboxSession session, CodeValidator validator, String source, PrintWriter out, PrintWriter err) {
        if (source.isBlank()) {
            return;
        }
        Code code = new Code(session.language(), source);
        if (validator != null) {
            ValidationResult v = validator.validate(code, network);
            if (!v.valid()) {
                err.println("agentic repl: REJECTED by validation (not run):");
                v.findings().forEach(f -> err.println("  " + CliValues.displayable(f.toString())));
                err.flush();
                return;
            }
        }
        ExecutionResult r = session.execute(SessionRequest.of(code));
        out.print(CliValues.displayable(r.stdout()));
        r.output().value().ifPresent(v -> out.println(CliValues.displayable(v)));
        out.flush();
        err.print(CliValues.displayable(r.stderr()));
        if (!r.succeeded() && !(r instanceof ExecutionResult.Failed)) {
            err.println("agentic repl: " + ExecCommand.describe(r) + " after " + millis(r.duration()) + " ms");
        }
        for (String note : r.output().notes()) {
            if (note.startsWith("state:")) {
                err.println("agentic repl: " + note);
            }
        }
        err.flush();
    }

    private static long millis(Duration d) {
        return d.toMillis();
    }
}
