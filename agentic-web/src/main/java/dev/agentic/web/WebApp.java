package dev.agentic.web;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.PriceTable;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.InMemoryArtifactStore;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.web.internal.AppConfig;
import dev.agentic.web.internal.WebServer;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The code-interpreter web app, running: a page with a Generator tab (a task, the code streaming in as the model
 * writes it, validation, the run, repairs), an Editor tab (the code in a code editor, Run and Validate) and a
 * Results tab (output, errors, files, history), over a small JSON and WebSocket API ({@code docs/web-api.md}).
 * Each browser tab gets a session: a workflow conversation, so follow-ups refine earlier code, and, when the
 * sandbox declares {@code SESSIONS}, a sandbox session whose state persists between runs.
 *
 * <pre>{@code
 * try (WebApp app = WebApp.builder().model(model).sandbox(sandbox).start()) {
 *     System.out.println("open " + app.accessUrl());
 *     ...
 * }
 * }</pre>
 *
 * <p>Security: every request and the WebSocket need the access token ({@link #token()}; the page gets it once
 * from {@link #accessUrl()} and keeps it in an HTTP-only cookie); the WebSocket and state-changing requests
 * check {@code Origin}; responses carry a strict Content-Security-Policy; request bodies, tasks and code are
 * capped; runs are capped per session and in total; secret values are masked in every payload. The server binds
 * to 127.0.0.1 unless {@link Builder#host(String)} says otherwise, and then warns.
 *
 * <p>Thread-safe. The app does not own the model, sandbox, store or secret provider it was given; {@link
 * #close()} stops the server and ends every session (and its sandbox session).
 */
@Experimental
public final class WebApp implements AutoCloseable {
    private final WebServer server;

    private WebApp(WebServer server) {
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The page's address, without the token: {@code http://127.0.0.1:PORT/}. */
    public URI url() {
        return server.url();
    }

    /** The address to open once: {@link #url()} with {@code ?token=…}. Treat it as a password. */
    public URI accessUrl() {
        return URI.create(server.url() + "?token=" + server.token());
    }

    /** The access token: send it as {@code Authorization: Bearer TOKEN} from API clients. */
    public String token() {
        return server.token();
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** How many browser-tab sessions are open now. */
    public int openSessions() {
        return server.openSessions();
    }

    /** Stops the server and ends every session and its sandbox session. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "WebApp[" + server.url() + "]";
    }

    /** Builder for {@link WebApp}; not thread-safe. {@link #model} and {@link #sandbox} are required. */
    public static final class Builder {
        private ChatModel model;
        private String modelNotice;
        private Sandbox sandbox;
        private ArtifactStore store;
        private SecretProvider secrets = SecretProvider.environment();
        private final Map<String, SecretRef> secretRefs = new LinkedHashMap<>();
        private final List<HostPort> allowedHosts = new ArrayList<>();
        private String integration = "web";
        private Language language = Language.PYTHON;
        private ExecutionLimits limits = ExecutionLimits.defaults();
        private int maxAttempts = 3;
        private ValidationPolicy validationPolicy = ValidationPolicy.standard();
        private PriceTable prices = PriceTable.defaults();
        private String host = "127.0.0.1";
        private int port;
        private String token;
        private int maxRunsPerSession = 1;
        private int maxRunsTotal = 4;
        private int maxSessions = 32;
        private Duration idleTimeout = Duration.ofMinutes(15);
        private int maxTaskChars = 8_000;
        private int maxCodeBytes = 256 * 1024;
        private long maxRequestBytes = 1024 * 1024;
        private Consumer<String> warnings = w -> {};

        private Builder() {}

        /** The model that writes the code (required). */
        public Builder model(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * A notice the page shows next to the model's name, e.g. that it is a scripted offline model whose answers
         * are prepared (default: none).
         */
        public Builder modelNotice(String notice) {
            this.modelNotice = Objects.requireNonNull(notice, "notice");
            return this;
        }

        /** Where every program runs (required; not closed by the app). */
        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /** Where generated code and execution records go (default: an in-memory store). */
        public Builder store(ArtifactStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Resolves the secrets named with {@link #secret} (default: environment variables). */
        public Builder secrets(SecretProvider secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** A secret every program gets as environment variable {@code envName}; its value never reaches a page. */
        public Builder secret(String envName, SecretRef ref) {
            secretRefs.put(Objects.requireNonNull(envName, "envName"), Objects.requireNonNull(ref, "ref"));
            return this;
        }

        /** A host programs may reach (default: no network). */
        public Builder allowHost(HostPort host) {
            allowedHosts.add(Objects.requireNonNull(host, "host"));
            return this;
        }

        /** The name grouping the records (default {@code web}). */
        public Builder integration(String integration) {
            this.integration = Objects.requireNonNull(integration, "integration");
            return this;
        }

        /** The language of the programs (default Python). */
        public Builder language(Language language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** The limits of each run (default {@link ExecutionLimits#defaults()}). */
        public Builder limits(ExecutionLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Attempts per task, repairs included (default 3). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = positive("maxAttempts", maxAttempts);
            return this;
        }

        /**
         * The policy every program is validated against before it runs, generated or edited, and that Validate
         * checks (default {@link ValidationPolicy#standard()}). With {@link ValidationPolicy#strict()} and a
         * Python environment in the sandbox, allow its packages: {@code strict().toBuilder().allowModules(
         * PythonEnvironments.importNames(dir)).build()}.
         */
        public Builder validationPolicy(ValidationPolicy policy) {
            this.validationPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Prices for the estimated cost (default {@link PriceTable#defaults()}). */
        public Builder priceTable(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * The address to bind (default {@code 127.0.0.1}). Any other than a loopback address lets other machines
         * reach a server that runs code on request: {@link #start()} then warns through {@link #warnings}.
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port (default 0: any free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("WebApp port must be within 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The access token (default: 32 random bytes, base64url); at least 16 characters. */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < 16 || !token.matches("[A-Za-z0-9_-]+")) {
                throw new ConfigurationException(
                        "WebApp token must be at least 16 characters of A-Z, a-z, 0-9, '_' or '-'.");
            }
            this.token = token;
            return this;
        }

        /** Runs (tasks and editor runs) one session may have at once (default 1). */
        public Builder maxRunsPerSession(int max) {
            this.maxRunsPerSession = positive("maxRunsPerSession", max);
            return this;
        }

        /** Runs all sessions together may have at once (default 4). */
        public Builder maxRunsTotal(int max) {
            this.maxRunsTotal = positive("maxRunsTotal", max);
            return this;
        }

        /** Sessions (browser tabs) open at once (default 32). */
        public Builder maxSessions(int max) {
            this.maxSessions = positive("maxSessions", max);
            return this;
        }

        /** A session without requests or runs for this long ends, with its sandbox session (default 15 minutes). */
        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new ConfigurationException("WebApp idleTimeout must be positive, was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** The longest task description accepted, in characters (default 8000). */
        public Builder maxTaskChars(int max) {
            this.maxTaskChars = positive("maxTaskChars", max);
            return this;
        }

        /** The largest program accepted from the editor, in UTF-8 bytes (default 256 KiB). */
        public Builder maxCodeBytes(int max) {
            this.maxCodeBytes = positive("maxCodeBytes", max);
            return this;
        }

        /** The largest request body accepted, in bytes (default 1 MiB). */
        public Builder maxRequestBytes(long max) {
            if (max < 1024) {
                throw new ConfigurationException("WebApp maxRequestBytes must be at least 1024, was " + max);
            }
            this.maxRequestBytes = max;
            return this;
        }

        /** Receives warnings meant for the person who started the server (default: ignored). */
        public Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws ConfigurationException when the model or the sandbox is missing, or the port cannot be bound
         */
        public WebApp start() {
            if (model == null) {
                throw new ConfigurationException("WebApp needs a model: call .model(chatModel) (ScriptedChatModel from "
                        + "agentic-fakes answers offline).");
            }
            if (sandbox == null) {
                throw new ConfigurationException(
                        "WebApp needs a sandbox: call .sandbox(LocalSandbox.builder().build()) (agentic-sandbox).");
            }
            if (!sandbox.capabilities().runs(language)) {
                throw new ConfigurationException(sandbox + " does not run " + language.id() + "; it runs "
                        + sandbox.capabilities().languages() + ".");
            }
            String t = token != null ? token : randomToken();
            AppConfig config = new AppConfig(
                    model,
                    modelNotice,
                    sandbox,
                    store != null ? store : new InMemoryArtifactStore(),
                    secrets,
                    Map.copyOf(secretRefs),
                    List.copyOf(allowedHosts),
                    integration,
                    language,
                    limits,
                    maxAttempts,
                    validationPolicy,
                    prices,
                    host,
                    port,
                    t,
                    maxRunsPerSession,
                    maxRunsTotal,
                    maxSessions,
                    idleTimeout,
                    maxTaskChars,
                    maxCodeBytes,
                    maxRequestBytes,
                    warnings);
            return new WebApp(WebServer.start(config));
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new ConfigurationException("WebApp " + name + " must be positive, was " + value);
            }
            return value;
        }

        private static String randomToken() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
