package dev.agentic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.AgenticException;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.spi.RoutingSecretProvider;
import dev.agentic.core.spi.SpecProvider;
import dev.agentic.core.store.ArtifactStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
        description = "Run a task end to end: generate code with a model, validate it, run it in a sandbox.")
@Internal
public final class RunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "What the program should do, in words.")
    String task;

    @Option(
            names = "--model",
            paramLabel = "PROVIDER:ARGS",
            required = true,
            description = "The model: scripted:FILE[,FILE...] (offline, one answer per file). Providers on the "
                    + "classpath add more (e.g. bedrock:MODEL_ID[,MODEL_ID...]).")
    String model;

    @Option(
            names = "--sandbox",
            paramLabel = "PROVIDER[:ARGS]",
            defaultValue = "local",
            description = "Where code runs (default ${DEFAULT-VALUE}: bubblewrap-isolated local sandbox).")
    String sandbox;

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
            names = "--secret",
            paramLabel = "NAME=SPEC",
            description = "Secret for the program as environment variable NAME; SPEC is env:VAR or a scheme of a "
                    + "secret provider on the classpath (repeatable).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Plain environment variable (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(
            names = "--allow-host",
            paramLabel = "HOST[:PORT]",
            description = "Let the program reach this host (repeatable). A loopback address with a port is allowed "
                    + "only because you list it here (local development).")
    List<String> allowHosts = new ArrayList<>();

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

    @Option(names = "--stream", description = "Show the model's answer as it is written.")
    boolean stream;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Task t;
        ChatModel chatModel;
        RoutingSecretProvider.Builder routes = RoutingSecretProvider.builder();
        List<HostPort> loopback = new ArrayList<>();
        try {
            Task.Builder b =
                    Task.builder().description(task).integration(integration).language(Language.parse(language));
            for (CliValues.Secret secret : CliValues.secrets(secrets)) {
                routes.route(secret.key(), secret.source());
                b.secret(secret.name(), secret.key());
            }
            for (String e : env) {
                String[] kv = CliValues.pair("--env", e);
                b.environment(kv[0], kv[1]);
            }
            for (String h : allowHosts) {
                HostPort hp = HostPort.parse(h);
                b.allowHost(hp);
                if (CliValues.isLoopback(hp)) {
                    loopback.add(hp);
                }
            }
            t = b.build();
            chatModel = ProviderLookup.chatModels().named("--model").create(model, ProviderContext.defaults());
        } catch (ConfigurationException e) {
            err.println("agentic run: " + e.getMessage());
            return AgenticCli.USAGE;
        }

        SpecProvider<Sandbox> sp;
        ProviderContext context;
        try {
            sp = ProviderLookup.sandboxes().named("--sandbox").find(sandbox);
            context = ProviderContext.builder().loopbackHosts(loopback).build();
        } catch (ConfigurationException e) {
            err.println("agentic run: " + e.getMessage());
            return AgenticCli.USAGE;
        }
        try (Sandbox box = sp.create(sandbox, context)) {
            ArtifactStore records =
                    ProviderLookup.artifactStores().named("--store").create(store, ProviderContext.defaults());
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder().model(chatModel).build())
                    .executor(Executor.builder().sandbox(box).build())
                    .store(records)
                    .secrets(routes.build())
                    .maxAttempts(maxAttempts)
                    .listener(new ProgressPrinter(err, stream))
                    .build();
            WorkflowResult result;
            try {
                result = orchestrator.run(t);
                report(result, records, out, err);
            } finally {
                RecordsCommand.close(records);
            }
            return result.succeeded() ? AgenticCli.OK : AgenticCli.NOT_OK;
        } catch (SandboxException e) {
            err.println("agentic run: the sandbox is unavailable: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (ConfigurationException e) {
            err.println("agentic run: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (ModelException e) {
            err.println("agentic run: the model failed: " + e.getMessage());
            return AgenticCli.NOT_OK;
        } catch (AgenticException e) {
            err.println("agentic run: " + e.getMessage());
            return AgenticCli.NOT_OK;
        }
    }

    private void report(WorkflowResult result, ArtifactStore records, PrintWriter out, PrintWriter err)
            throws Exception {
        if (json) {
            out.println(JSON.writeValueAsString(toJson(result, records)));
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
        err.println("records: "
                + String.join(
                        ", ",
                        result.records().stream()
                                .map(k -> CliValues.location(records, k))
                                .toList()));
        err.flush();
    }

    private ObjectNode toJson(WorkflowResult r, ArtifactStore records) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", r.status().name());
        n.put("attempts", r.attempts().size());
        n.put("modelCalls", r.modelCalls());
        n.putObject("usage")
                .put("inputTokens", r.usage().inputTokens())
                .put("outputTokens", r.usage().outputTokens());
        if (r.estimatedCostUsd().isPresent()) {
            n.put("estimatedCostUsd", r.estimatedCostUsd().get());
        } else {
            n.putNull("estimatedCostUsd");
        }
        n.put("code", r.finalCode().map(c -> c.source()).orElse(null));
        if (r.finalResult().isPresent()) {
            n.set("result", ResultJson.result(r.finalResult().get()));
        } else {
            n.putNull("result");
        }
        n.put("runId", r.runId().value());
        r.error().ifPresent(e -> {
            ObjectNode error = n.putObject("error");
            error.put("kind", e.kind().name());
            error.put("message", e.message());
            error.put("retryable", e.retryable());
        });
        ArrayNode keys = n.putArray("records");
        r.records().forEach(k -> keys.add(CliValues.location(records, k)));
        return n;
    }
}
