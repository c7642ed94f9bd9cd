package dev.agentic.cli;

import dev.agentic.core.AgenticException;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.store.ArtifactStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentic demo}: the main job in one command, offline. Runs {@link DemoRun}: a local payments API,
 * a clearly labelled scripted model whose first program has a defect, the real validator, sandbox, network
 * allowlist, secret redaction, repair loop and records.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the whole workflow offline against a local payments API (scripted model, real sandbox).",
        subcommands = DemoAwsCommand.class)
@Internal
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--store",
            paramLabel = "DIR",
            defaultValue = "agentic-runs",
            description = "Directory for the generated code and execution records (default ${DEFAULT-VALUE}).")
    String store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArtifactStore records;
        try {
            records = ProviderLookup.artifactStores().named("--store").create(store, ProviderContext.defaults());
        } catch (ConfigurationException e) {
            err.println("agentic demo: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (AgenticException e) {
            err.println("agentic demo: --store: " + e.getMessage());
            return AgenticCli.USAGE;
        }
        out.println("Agentic demo: \"Create a customer named Alice via the payments API and print her id\"");
        out.println();
        out.println("  model    SCRIPTED, OFFLINE: two prepared answers; the first has a real defect (no API key).");
        out.println(
                "           For a real model use `agentic run \"TASK\" --model PROVIDER:...` or plug any ChatModel");
        out.println("           into ModelGenerator (see examples/.../CustomModelProvider.java).");
        out.println("  api      a local payments API on 127.0.0.1 (bearer-key auth); its key is a secret");
        out.println("  sandbox  bubblewrap, network allowlist = exactly the API's address, secrets redacted");
        out.println("  records  " + CliValues.location(records));
        out.println();
        out.flush();
        try {
            DemoRun.Outcome outcome = DemoRun.run(records, new ProgressPrinter(out, false));
            out.println();
            if (!outcome.result().succeeded() || outcome.customerName().isEmpty()) {
                out.println("The demo did not create the customer; see the records above.");
                out.flush();
                return AgenticCli.NOT_OK;
            }
            out.println("Customer created: " + outcome.customerId() + " (fetched back from the API: name="
                    + outcome.customerName().get() + ")");
            out.println("Model calls: " + outcome.result().modelCalls() + ", tokens: "
                    + outcome.result().usage().totalTokens() + ", records: "
                    + outcome.result().records().stream()
                            .map(k -> CliValues.location(records, k))
                            .toList());
            out.flush();
            return AgenticCli.OK;
        } catch (SandboxException e) {
            err.println("agentic demo: the sandbox cannot start: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (AgenticException e) {
            err.println("agentic demo: " + e.getMessage());
            return AgenticCli.NOT_OK;
        }
    }
}
