package dev.agentic.cli;

import dev.agentic.cli.demo.OfflineModel;
import dev.agentic.core.AgenticException;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.Task;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.spi.RoutingSecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.web.WebApp;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code agentic serve}: the code-interpreter web app ({@code agentic-web}) with the model, sandbox, store and
 * secrets of the same specs as {@code agentic run}. Prints the address with its one-time access token and serves
 * until interrupted (Ctrl-C). Without {@code --model} it runs the scripted offline model and the page says so.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.agentic.cli.ServeCommand",
        description = "Serve the code-interpreter web app: generator, editor and results in the browser.")
@Internal
public final class ServeCommand implements Callable<Integer> {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}). Any other than a loopback address lets "
                    + "other machines reach a server that runs code: it warns.")
    String host;

    @Option(
            names = "--model",
            paramLabel = "PROVIDER:ARGS",
            description = "The model, as for agentic run (e.g. bedrock:default). Without it: a scripted offline "
                    + "model that picks prepared programs, and the page says so.")
    String model;

    @Option(names = "--region", paramLabel = "REGION", description = "The cloud region of the model.")
    String region;

    @Option(
            names = "--sandbox",
            paramLabel = "PROVIDER[:ARGS]",
            defaultValue = "local",
            description = "Where code runs (default ${DEFAULT-VALUE}).")
    String sandbox;

    @Option(
            names = "--store",
            paramLabel = "DIR|SPEC",
            defaultValue = "agentic-runs",
            description = "Where code and records go (default ${DEFAULT-VALUE}).")
    String store;

    @Option(
            names = "--integration",
            paramLabel = "NAME",
            defaultValue = "web",
            description = "Name grouping the records (default ${DEFAULT-VALUE}).")
    String integration;

    @Mixin
    CodeOptions shared;

    @Option(
            names = "--language",
            paramLabel = "python|java",
            defaultValue = "python",
            description = "Language of the programs (default ${DEFAULT-VALUE}).")
    String language;

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            defaultValue = "3",
            description = "Attempts per task including repairs (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(
            names = "--max-runs",
            paramLabel = "N",
            defaultValue = "4",
            description = "Runs at once over all tabs (default ${DEFAULT-VALUE}).")
    int maxRuns;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "15m",
            description = "A tab idle this long loses its session and sandbox session (default ${DEFAULT-VALUE}).")
    String idleTimeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WebApp.Builder web = WebApp.builder();
        ProviderContext context;
        ChatModel chatModel;
        try {
            // checked now, not when the first task runs: a bad value must stop the command before it serves
            Task.builder().description("check").integration(integration).build();
            if (!HOST.matcher(host).matches()) {
                throw new ConfigurationException("--host '" + CliValues.displayable(host) + "' is not an address; "
                        + "write e.g. 127.0.0.1, localhost or ::1.");
            }
            Language lang = Language.parse(language);
            CliValues.requireValidator(
                    lang,
                    "the web app validates every program it runs, so it cannot serve " + lang.id() + ": use --language "
                            + String.join(" or ", CliValues.validatedLanguages()) + ".");
            RoutingSecretProvider.Builder routes = RoutingSecretProvider.builder();
            for (CliValues.Secret secret : shared.secrets.parsed()) {
                routes.route(secret.key(), secret.source());
                web.secret(secret.name(), secret.key());
            }
            shared.sandbox.hosts().forEach(web::allowHost);
            context = shared.context(CliValues.context(shared.sandbox.loopbackHosts(), region));
            web.validationPolicy(shared.policy());
            chatModel = model == null ? OfflineModel.create() : CliValues.chatModel(model, context);
            if (model == null) {
                web.modelNotice(OfflineModel.NOTICE);
            }
            web.model(chatModel)
                    .secrets(routes.build())
                    .integration(integration)
                    .language(lang)
                    .maxAttempts(maxAttempts)
                    .maxRunsTotal(maxRuns)
                    .idleTimeout(CliValues.duration("--idle-timeout", idleTimeout))
                    .host(host)
                    .port(port)
                    .warnings(w -> {
                        err.println("agentic serve: " + w);
                        err.flush();
                    });
        } catch (AgenticException e) {
            err.println("agentic serve: " + e.getMessage());
            return AgenticCli.USAGE;
        }
        try (Sandbox box =
                ProviderLookup.sandboxes().named("--sandbox").find(sandbox).create(sandbox, context)) {
            ArtifactStore records =
                    ProviderLookup.artifactStores().named("--store").create(store, ProviderContext.defaults());
            try (WebApp app = web.sandbox(box).store(records).start()) {
                out.println("agentic serve: open " + app.accessUrl());
                out.println("  model    " + chatModel.id() + (model == null ? " (" + OfflineModel.NOTICE + ")" : ""));
                out.println("  sandbox  " + box
                        + (box.capabilities().supportsSessions()
                                ? " (state persists between the runs of a tab)"
                                : " (no sessions: every run starts fresh)"));
                out.println("  records  " + CliValues.location(records));
                out.println("The address holds the access token: treat it as a password. Ctrl-C stops the server.");
                out.flush();
                waitUntilStopped(app);
            } finally {
                RecordsCommand.close(records);
            }
            return AgenticCli.OK;
        } catch (SandboxException e) {
            err.println("agentic serve: the sandbox is unavailable: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (ConfigurationException e) {
            err.println("agentic serve: " + e.getMessage());
            return AgenticCli.USAGE;
        }
    }

    /** Blocks until the thread is interrupted or the JVM shuts down (Ctrl-C), then lets the caller close. */
    private static void waitUntilStopped(WebApp app) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    app.close();
                    stopped.countDown();
                },
                "agentic-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }
}
