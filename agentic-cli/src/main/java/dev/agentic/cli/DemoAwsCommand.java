package dev.agentic.cli;

import dev.agentic.bedrock.BedrockModels;
import dev.agentic.cli.demo.InterpreterNetwork;
import dev.agentic.cli.demo.LocalAws;
import dev.agentic.cli.demo.PaymentsApi;
import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.model.ModelCall;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentic demo aws}: the API-developer task with every AWS part in place (Bedrock default fallback
 * chain, Secrets Manager, S3) but each service served on this machine by a stand-in, named as such in the
 * output together with the settings a user sets on AWS instead. Runs {@link DemoAwsRun}.
 */
@Command(
        name = "aws",
        mixinStandardHelpOptions = true,
        description = "The API-developer task with Bedrock, Secrets Manager and S3 wired in, served by local "
                + "stand-ins (fake Bedrock, fake Secrets Manager, s3proxy); offline.")
@Internal
public final class DemoAwsCommand implements Callable<Integer> {
    /** Where the code runs. */
    enum SandboxChoice {
        local,
        agentcore
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--sandbox",
            defaultValue = "local",
            description = "local (bubblewrap, allowlist of the API's address) or agentcore (AgentCoreSandbox against "
                    + "the fake AgentCore Code Interpreter, which runs the code in the local sandbox).")
    SandboxChoice sandbox;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path spool = null;
        boolean agentCore = sandbox == SandboxChoice.agentcore;
        try (LocalAws aws = LocalAws.start(DemoAwsRun.BUCKET);
                PaymentsApi api = DemoAwsRun.startApi();
                LocalSandbox behindAgentCore = agentCore
                        ? LocalSandbox.builder()
                                .allowLoopbackHosts(List.of(HostPort.of(api.host(), api.port())))
                                .build()
                        : null) {
            if (agentCore) {
                aws.startAgentCore(new InterpreterNetwork(
                        behindAgentCore,
                        NetworkPolicy.builder()
                                .allowHost(HostPort.of(api.host(), api.port()))
                                .build()));
            }
            spool = Files.createTempDirectory("agentic-demo-aws-spool");
            intro(out, aws, api, agentCore);
            DemoAwsRun.Outcome outcome = DemoAwsRun.run(aws, api, spool, progress(out), agentCore);
            return summary(out, outcome);
        } catch (SandboxException e) {
            err.println("agentic demo aws: the sandbox cannot start: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (AgenticException e) {
            err.println("agentic demo aws: " + e.getMessage());
            return AgenticCli.NOT_OK;
        } catch (IOException e) {
            err.println("agentic demo aws: cannot create a temporary directory: " + e.getMessage());
            return AgenticCli.USAGE;
        } finally {
            deleteQuietly(spool);
        }
    }

    private static void intro(PrintWriter out, LocalAws aws, PaymentsApi api, boolean agentCore) {
        Map<String, String> settings = aws.settings();
        out.println("Agentic demo on AWS, served on this machine: \"" + DemoAwsRun.TASK + "\"");
        out.println();
        out.println("Every AWS part is the real SDK client, built from the standard AWS settings. The services behind");
        out.println("them are LOCAL STAND-INS, not AWS:");
        out.println("  Bedrock          " + settings.get("aws.endpointUrlBedrockRuntime")
                + "  FAKE Bedrock (agentic-testkit-aws), SCRIPTED answers; the default chain is");
        out.println("                   " + String.join(" → ", BedrockModels.DEFAULT_FALLBACK));
        out.println("                   and the first model answers 429 ThrottlingException, so the chain falls back");
        out.println("  Secrets Manager  " + settings.get("aws.endpointUrlSecretsManager")
                + "  FAKE Secrets Manager holding " + DemoAwsRun.SECRET_ID + " {\"api_key\": …}");
        out.println("  S3               " + settings.get("aws.endpointUrlS3")
                + "  s3proxy in this process, objects in memory; bucket " + DemoAwsRun.BUCKET);
        out.println("  payments API     " + api.baseUrl() + "  a local payments API standing in for api.stripe.com");
        if (agentCore) {
            out.println("  AgentCore        " + settings.get("aws.endpointUrlBedrockAgentCore")
                    + "  FAKE AgentCore Code Interpreter; it runs the code in the local bubblewrap sandbox,");
            out.println("                   whose network reaches only the API's address (standing in for an");
            out.println("                   interpreter in PUBLIC network mode). AgentCore filters no hosts per run,");
            out.println("                   so the task carries no allowlist: the interpreter's network mode decides.");
        } else {
            out.println(
                    "  sandbox          the local bubblewrap sandbox; network allowlist = exactly the API's address");
        }
        out.println();
        out.println("Settings this demo uses to reach the stand-ins (set as JVM system properties for the run):");
        settings.forEach((k, v) -> out.println("  " + LocalAws.environmentName(k) + "="
                + (k.equals("aws.secretAccessKey") ? "(local stand-in value)" : v)));
        out.println("On AWS, set instead: AWS_REGION and your credentials (AWS_PROFILE, SSO, a role...), leave every");
        out.println("AWS_ENDPOINT_URL_* and checksum setting unset, enable access to the three models, and create the");
        out.println("secret and the bucket (README: \"Agentic on AWS\"). Nothing else changes.");
        out.println();
        out.flush();
    }

    private static WorkflowListener progress(PrintWriter out) {
        ProgressPrinter printer = new ProgressPrinter(out, false);
        return event -> {
            if (event instanceof WorkflowEvent.ModelCalled m) {
                ModelCall call = m.call();
                synchronized (printer) {
                    out.println("  model " + call.modelId() + ": "
                            + call.failure()
                                    .map(k -> k + " → falling back to the next model of the chain")
                                    .orElse("answered, " + call.usage().inputTokens() + " tokens in, "
                                            + call.usage().outputTokens() + " out"));
                    out.flush();
                }
            }
            printer.onEvent(event);
        };
    }

    private static int summary(PrintWriter out, DemoAwsRun.Outcome outcome) {
        out.println();
        if (!outcome.result().succeeded() || outcome.customerName().isEmpty()) {
            out.println("The demo did not create the customer; see the progress above.");
            out.flush();
            return AgenticCli.NOT_OK;
        }
        out.println("Customer created: " + outcome.customerId() + " (fetched back from the payments API: name="
                + outcome.customerName().get() + ")");
        out.println("Model calls: " + outcome.result().modelCalls() + ", tokens: "
                + outcome.result().usage().totalTokens() + ", estimated cost: "
                + outcome.result()
                        .estimatedCostUsd()
                        .map(c -> "$" + c.toPlainString())
                        .orElse("unknown")
                + "; Secrets Manager requests: " + outcome.secretRequests());
        out.println("Read back from the S3 server (s3://" + DemoAwsRun.BUCKET + "/):");
        outcome.objects().forEach((key, bytes) -> out.println("  " + key + "  (" + bytes.length + " bytes)"));
        out.flush();
        return AgenticCli.OK;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the system cleans it up eventually
        }
    }
}
