package dev.agentic.cli;

import dev.agentic.core.AgenticException;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.spi.RoutingSecretProvider;
import dev.agentic.core.spi.SpecProvider;
import dev.agentic.core.store.ArtifactStore;
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
 * {@code agentic run "TASK"}: the whole workflow from a terminal — generate with the chosen model, validate,
 * run in the chosen sandbox, repair, store the records. Progress goes to stderr; the final program's stdout
 * (or {@code --json}) to stdout. Exit codes as {@code agentic exec}.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.agentic.cli.RunCommand",
        description = "Run a task end to end: generate code with a model, validate it, run it in a sandbox.")
@Internal
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "What the program should do, in words.")
    String task;

    @Option(
            names = "--model",
            paramLabel = "PROVIDER:ARGS",
            required = true,
            description = "The model: scripted:FILE[,FILE...] (offline, one answer per file). Providers on the "
                    + "classpath add more (e.g. bedrock:MODEL_ID[,MODEL_ID...], openai:MODEL).")
    String model;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The cloud region of the model (e.g. us-west-2 for bedrock:); ahead of AWS_REGION and "
                    + "the profile's region.")
    String region;

    @Option(
            names = "--sandbox",
            paramLabel = "PROVIDER[:ARGS]",
            defaultValue = "local",
            description = "Where code runs (default ${DEFAULT-VALUE}: bubblewrap-isolated local sandbox); "
                    + "providers on the classpath add more (e.g. agentcore[:IDENTIFIER]).")
    String sandbox;

    @Option(
            names = "--setup",
            paramLabel = "CMD",
            description = "A shell command the sandbox runs once in each of its sessions before the program, e.g. "
                    + "\"pip install stripe==11.1.1\" (repeatable; for sandboxes with sessions such as agentcore).")
    List<String> setup = new ArrayList<>();

    @Option(
            names = "--store",
            paramLabel = "DIR|SPEC",
            defaultValue = "agentic-runs",
            description = "Directory for generated code and execution records (default ${DEFAULT-VALUE}); "
                    + "file:DIR works too, and providers on the classpath add more (e.g. s3://BUCKET/PREFIX).")
    String store;

    @Option(
            names = "--integration",
            paramLabel = "NAME",
            defaultValue = "default",
            description = "Name grouping the records (default ${DEFAULT-VALUE}).")
    String integration;

    @Option(
            names = "--language",
            paramLabel = "python|java",
            defaultValue = "python",
            description = "Language of the program (default ${DEFAULT-VALUE}).")
    String language;

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            defaultValue = "3",
            description = "Attempts including repairs (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Mixin
    CodeOptions shared;

    @Mixin
    EnvOptions envOptions;

    @Option(names = "--stream", description = "Show the model's answer as it is written.")
    boolean stream;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(
            names = "--output",
            paramLabel = "GLOB",
            description = "Collect files matching GLOB that the program leaves in its working directory; they are "
                    + "stored with the record (repeatable).")
    List<String> outputs = new ArrayList<>();

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            description = "Write the files the final program left (see the task's output globs) into DIR.")
    Path outputDir;

    private WorkflowResult errorResult;
    private ArtifactStore errorStore;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Task t;
        ChatModel chatModel;
        RoutingSecretProvider.Builder routes = RoutingSecretProvider.builder();
        SpecProvider<Sandbox> sp;
        ProviderContext context;
        ValidationPolicy policy;
        try {
            Language lang = Language.parse(language);
            CliValues.requireValidator(
                    lang,
                    "run validates every program it generates, so it cannot run " + lang.id()
                            + " tasks: use --language "
                            + String.join(" or ", CliValues.validatedLanguages()) + ", or run a " + lang.id()
                            + " file with agentic exec FILE --no-validate.");
            Task.Builder b =
                    Task.builder().description(task).integration(integration).language(lang);
            for (CliValues.Secret secret : shared.secrets.parsed()) {
                routes.route(secret.key(), secret.source());
                b.secret(secret.name(), secret.key());
            }
            envOptions.variables().forEach(b::environment);
            shared.sandbox.hosts().forEach(b::allowHost);
            outputs.forEach(b::outputGlob);
            t = b.build();
            if (outputDir != null) {
                CliFiles.checkOutputDir(outputDir);
            }
            context = shared.context(
                    CliValues.withSetup(CliValues.context(shared.sandbox.loopbackHosts(), region), setup));
            policy = shared.policy();
            chatModel = CliValues.chatModel(model, context);
            sp = ProviderLookup.sandboxes().named("--sandbox").find(sandbox);
        } catch (AgenticException e) {
            return fail(out, err, e, "", AgenticCli.USAGE);
        }
        TerminalResult last = new TerminalResult();
        try (Sandbox box = sp.create(sandbox, context)) {
            ArtifactStore records =
                    ProviderLookup.artifactStores().named("--store").create(store, ProviderContext.defaults());
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder()
                            .model(chatModel)
                            .environment(box.environment())
                            .build())
                    .executor(Executor.builder()
                            .sandbox(box)
                            .validationPolicy(policy)
                            .build())
                    .store(records)
                    .secrets(routes.build())
                    .maxAttempts(maxAttempts)
                    .listener(new ProgressPrinter(err, stream))
                    .listener(last)
                    .build();
            WorkflowResult result;
            try {
                result = orchestrator.run(t);
            } catch (AgenticException e) {
                // The run stored its ERROR record before the exception reached us: --json reports that result.
                errorResult = last.result;
                errorStore = records;
                try {
                    RecordsCommand.close(records);
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            try {
                report(result, records, out, err);
            } finally {
                RecordsCommand.close(records);
            }
            return result.succeeded() ? AgenticCli.OK : AgenticCli.NOT_OK;
        } catch (SandboxException e) {
            return fail(out, err, e, "the sandbox is unavailable: ", AgenticCli.USAGE);
        } catch (ConfigurationException e) {
            return fail(out, err, e, "", AgenticCli.USAGE);
        } catch (ModelException e) {
            return fail(out, err, e, "the model failed: ", AgenticCli.NOT_OK);
        } catch (AgenticException e) {
            return fail(out, err, e, "", AgenticCli.NOT_OK);
        }
    }

    /** Reports an error that left no workflow result: a message on stderr, and the JSON error with --json. */
    private int fail(PrintWriter out, PrintWriter err, AgenticException e, String prefix, int exitCode) {
        err.println("agentic run: " + prefix + e.getMessage());
        err.flush();
        if (json) {
            out.println(ResultJson.write(
                    errorResult != null
                            ? ResultJson.workflow(errorResult, errorStore, Map.of())
                            : ResultJson.error(
                                    WorkflowError.of(e, e.getMessage()).kind(), e.getMessage())));
            out.flush();
        } else if (errorResult != null) {
            err.println("records: "
                    + String.join(
                            ", ",
                            errorResult.records().stream()
                                    .map(k -> CliValues.location(errorStore, k))
                                    .toList()));
            err.flush();
        }
        return exitCode;
    }

    private void report(WorkflowResult result, ArtifactStore records, PrintWriter out, PrintWriter err) {
        Map<String, Path> written = outputDir == null
                ? Map.of()
                : CliFiles.writeAll(
                        outputDir,
                        result.finalResult().map(r -> r.output().files()).orElse(List.of()));
        if (json) {
            out.println(ResultJson.write(ResultJson.workflow(result, records, written)));
            out.flush();
            return;
        }
        result.finalResult().ifPresent(r -> out.print(r.stdout()));
        out.flush();
        err.println("status: " + result.status() + ", attempts: "
                + result.attempts().size() + ", model calls: "
                + result.modelCalls() + ", tokens: " + result.usage().inputTokens() + " in / "
                + result.usage().outputTokens() + " out, estimated cost: "
                + result.estimatedCostUsd()
                        .map(c -> "$" + c.stripTrailingZeros().toPlainString())
                        .orElse("unknown"));
        String reason = ResultJson.reason(result);
        if (reason != null) {
            err.println("reason: " + CliValues.displayable(reason));
        }
        err.println("records: "
                + String.join(
                        ", ",
                        result.records().stream()
                                .map(k -> CliValues.location(records, k))
                                .toList()));
        written.forEach((path, saved) -> err.println("output: " + CliValues.displayable(path) + " -> " + saved));
        err.flush();
    }

    /** Keeps the result of the run's last event (also of a run that ends with an exception). */
    private static final class TerminalResult implements WorkflowListener {
        private volatile WorkflowResult result;

        @Override
        public void onEvent(WorkflowEvent event) {
            if (event instanceof WorkflowEvent.Completed c) {
                result = c.result();
            } else if (event instanceof WorkflowEvent.Failed f) {
                result = f.result();
            } else if (event instanceof WorkflowEvent.Cancelled c) {
                result = c.result();
            }
        }
    }
}
