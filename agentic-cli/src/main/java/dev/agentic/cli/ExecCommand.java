package dev.agentic.cli;

import dev.agentic.core.AgenticException;
import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.ValidationPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentic exec FILE}: validates a program (unless {@code --no-validate}) and runs it in the local
 * sandbox, through an {@link Executor}; the sandbox starts only once the program passed validation. Exit 0 when the program succeeded; 1 when it failed, timed out, was killed or was rejected by
 * validation; 2 for usage or configuration errors and when the sandbox is unavailable.
 */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.agentic.cli.ExecCommand",
        description = "Run a Python, Java, JavaScript or TypeScript file in a sandbox, the local one by default "
                + "(validated first unless --no-validate).")
@Internal
public final class ExecCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The program to run.")
    Path file;

    @Option(
            names = "--language",
            paramLabel = "python|java|javascript|typescript",
            description = "Language (default: from the file extension).")
    String language;

    @Option(
            names = "--timeout",
            defaultValue = "10s",
            description = "Wall-clock limit, e.g. 10s, 500ms, 2m (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--memory",
            defaultValue = "512m",
            description = "Address-space limit, e.g. 512m, 1g (default ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--cpu", defaultValue = "10s", description = "CPU-time limit (default ${DEFAULT-VALUE}).")
    String cpu;

    @Option(
            names = "--max-output",
            defaultValue = "1m",
            description = "Cap on stdout and on stderr (default ${DEFAULT-VALUE}).")
    String maxOutput;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "File copied read-only into the working directory (repeatable).")
    List<Path> inputs = new ArrayList<>();

    @Option(
            names = "--output",
            paramLabel = "GLOB",
            description = "Collect files matching GLOB from the working directory (repeatable).")
    List<String> outputs = new ArrayList<>();

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            description = "Write the collected output files (see --output) into DIR.")
    Path outputDir;

    @Mixin
    CodeOptions shared;

    @Mixin
    EnvOptions envOptions;

    @Option(
            names = "--sandbox",
            paramLabel = "PROVIDER[:ARGS]",
            defaultValue = "local",
            description = "Where the program runs (default ${DEFAULT-VALUE}: bubblewrap-isolated local sandbox); "
                    + "providers on the classpath add more (e.g. agentcore[:IDENTIFIER]).")
    String sandboxSpec;

    @Option(
            names = "--setup",
            paramLabel = "CMD",
            description = "A shell command the sandbox runs in its session before the program (repeatable; for "
                    + "sandboxes with sessions such as agentcore).")
    List<String> setup = new ArrayList<>();

    @Option(names = "--no-validate", description = "Skip static validation (the sandbox still isolates).")
    boolean noValidate;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExecutionRequest request;
        ValidationPolicy policy;
        try {
            request = request();
            policy = shared.policy();
        } catch (AgenticException e) {
            return fail(out, err, e, "", AgenticCli.USAGE);
        }
        List<HostPort> loopback = request.network().allowedHosts().stream()
                .filter(CliValues::isLoopback)
                .toList();
        ProviderContext context;
        try {
            context = CliValues.withSetup(
                    shared.context(
                            ProviderContext.builder().loopbackHosts(loopback).build()),
                    setup);
            ProviderLookup.sandboxes().named("--sandbox").find(sandboxSpec);
        } catch (AgenticException e) {
            return fail(out, err, e, "", AgenticCli.USAGE);
        }
        ExecutionOutcome outcome;
        DeferredSandbox sandbox = new DeferredSandbox(
                () -> ProviderLookup.sandboxes().named("--sandbox").create(sandboxSpec, context));
        try (sandbox) {
            Executor.Builder executor = Executor.builder().sandbox(sandbox);
            outcome = (noValidate ? executor.skipValidation() : executor.validationPolicy(policy))
                    .build()
                    .execute(request);
        } catch (UnsupportedCapabilityException e) {
            return fail(out, err, e, "", SandboxOptions.nodeHint(e), AgenticCli.USAGE);
        } catch (SandboxException e) {
            return fail(out, err, e, "the sandbox is unavailable: ", AgenticCli.USAGE);
        } catch (ConfigurationException e) {
            // Before the sandbox starts, only the validator can object: say how to run without it.
            return fail(
                    out,
                    err,
                    e,
                    "",
                    sandbox.attempted() ? "" : " (use --no-validate to run without validation)",
                    AgenticCli.USAGE);
        } catch (AgenticException e) {
            return fail(out, err, e, "", AgenticCli.USAGE);
        }
        if (outcome instanceof ExecutionOutcome.Rejected rejected) {
            report(out, err, null, rejected.validation().findings(), Map.of());
            return AgenticCli.NOT_OK;
        }
        ExecutionResult result = ((ExecutionOutcome.Ran) outcome).result();
        Map<String, Path> written;
        try {
            written = outputDir == null
                    ? Map.of()
                    : CliFiles.writeAll(outputDir, result.output().files());
        } catch (ConfigurationException e) {
            report(out, err, result, List.of(), Map.of());
            return fail(out, err, e, "", AgenticCli.USAGE);
        }
        report(out, err, result, List.of(), written);
        return result.succeeded() ? AgenticCli.OK : AgenticCli.NOT_OK;
    }

    private int fail(PrintWriter out, PrintWriter err, AgenticException e, String prefix, int exitCode) {
        return fail(out, err, e, prefix, "", exitCode);
    }

    /** Reports an error: a message on stderr, and the JSON error with --json. */
    private int fail(PrintWriter out, PrintWriter err, AgenticException e, String prefix, String hint, int code) {
        err.println("agentic exec: " + prefix + e.getMessage() + hint);
        err.flush();
        if (json) {
            out.println(ResultJson.write(
                    ResultJson.error(WorkflowError.of(e, e.getMessage()).kind(), e.getMessage())));
            out.flush();
        }
        return code;
    }

    private ExecutionRequest request() {
        Language lang = language != null
                ? Language.parse(language)
                : Language.fromFileName(file.toString())
                        .orElseThrow(() -> new ConfigurationException("Cannot tell the language of " + file
                                + " from its extension; pass --language python, java, javascript or typescript."));
        if (!noValidate) {
            CliValues.requireValidator(
                    lang,
                    "--no-validate runs " + CliValues.displayable(file.toString())
                            + " unvalidated, inside the sandbox, which still isolates it.");
        }
        String source = CliFiles.readText("File", file);
        ExecutionLimits limits = ExecutionLimits.builder()
                .wallTime(CliValues.duration("--timeout", timeout))
                .cpuTime(CliValues.duration("--cpu", cpu))
                .memoryBytes(CliValues.size("--memory", memory))
                .maxOutputBytes(CliValues.size("--max-output", maxOutput))
                .build();
        ExecutionRequest.Builder b = ExecutionRequest.builder()
                .code(new Code(lang, source))
                .limits(limits)
                .network(shared.sandbox.network());
        envOptions.variables().forEach(b::environment);
        for (CliValues.Secret secret : shared.secrets.parsed()) {
            b.secret(secret.name(), secret.source().resolve());
        }
        for (Path in : inputs) {
            Path name = in.getFileName();
            if (name == null) {
                throw new ConfigurationException("--input " + in + " names no file.");
            }
            b.inputFile(name.toString(), CliFiles.readBytes("--input", in));
        }
        outputs.forEach(b::outputGlob);
        if (outputDir != null) {
            CliFiles.checkOutputDir(outputDir);
        }
        return b.build();
    }

    private void report(
            PrintWriter out, PrintWriter err, ExecutionResult r, List<Finding> findings, Map<String, Path> written) {
        if (json) {
            out.println(ResultJson.write(ResultJson.exec(r, findings, written)));
            out.flush();
            return;
        }
        if (r == null) {
            err.println("agentic exec: REJECTED by validation:");
            findings.forEach(f -> err.println("  " + CliValues.displayable(f.toString())));
            return;
        }
        out.print(CliValues.displayable(r.stdout()));
        out.flush();
        err.print(CliValues.displayable(r.stderr()));
        if (r.output().stdoutTruncated() || r.output().stderrTruncated()) {
            err.println("\nagentic exec: output was truncated at the --max-output cap");
        }
        for (OutputFile f : r.output().files()) {
            Path saved = written.get(f.path());
            err.println("agentic exec: collected " + CliValues.displayable(f.path()) + " (" + f.size() + " bytes)"
                    + (saved == null ? "" : ", written to " + saved));
        }
        for (NetworkDecision d : r.output().network()) {
            err.println("agentic exec: network " + (d.allowed() ? "allowed " : "denied ") + d.host() + ":" + d.port()
                    + " (" + d.reason() + ")");
        }
        err.println("agentic exec: " + describe(r) + " in " + r.duration().toMillis() + " ms");
        err.flush();
    }

    static String describe(ExecutionResult r) {
        if (r instanceof ExecutionResult.Failed f) {
            return "FAILED (exit code " + f.exitCode() + ")";
        }
        if (r instanceof ExecutionResult.TimedOut t) {
            return "TIMED_OUT after " + t.limit().toMillis() + " ms";
        }
        if (r instanceof ExecutionResult.Killed k) {
            return "KILLED (signal " + k.signal() + ", limit " + k.limit().id() + ")";
        }
        return r.status();
    }
}
