package dev.agentic.bedrock;

import dev.agentic.bedrock.internal.ClientSettings;
import dev.agentic.bedrock.internal.agentcore.InterpreterCalls;
import dev.agentic.bedrock.internal.agentcore.InterpreterSession;
import dev.agentic.bedrock.internal.agentcore.Interpreters;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreAsyncClient;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreAsyncClientBuilder;

/**
 * Runs Python, JavaScript and TypeScript in Amazon Bedrock AgentCore Code Interpreter: each session is a
 * microVM of its own in the service, away from this host. The code goes to {@code executeCode} with
 * {@code language} {@code python}, {@code javascript} or {@code typescript} (the service runs the last two on
 * its own JavaScript runtime, Deno by default, not on this host's Node.js). One-shot {@link #execute} runs use a session of their own that is always
 * stopped afterwards (also on timeout, error and interrupt); {@link #openSession} keeps one service session
 * whose variables and files persist between runs, and replaces it transparently when the service reports it
 * expired or gone (that run's notes say the earlier state was lost).
 *
 * <p><b>What it enforces</b> ({@link #capabilities()}): the wall time of each run, on this side, since the
 * service has no per-run timeout (on expiry the session is stopped, which ends the program, and the run is
 * {@code TimedOut}); the output cap (output past {@code maxOutputBytes} is cut and marked truncated and the
 * run reported {@code Killed} for {@code OUTPUT}, but the program itself ran to its end); environment
 * variables and secrets; input and output files ({@code writeFiles}, the {@code listFiles} tool and
 * {@code readFiles}, so collecting outputs needs no Python in the session); sessions; and isolation from this host. It does <b>not</b> enforce memory, CPU time,
 * processes, disk, open files or file size (the microVM's size is the service's), nor network isolation or a
 * host allowlist: network access is the code interpreter resource's {@link AgentCoreNetworkMode}, the same for
 * every run. A request whose network policy allows hosts is refused with an
 * {@link UnsupportedCapabilityException} unless the builder states the interpreter's mode with
 * {@link Builder#networkWithoutHostFiltering}; then it runs unfiltered and every result's notes say so. (The
 * SDK's default executor still refuses it, because this sandbox never declares
 * {@link SandboxCapability#HOST_ALLOWLIST}; call {@link #execute} yourself if the mode is acceptable.)
 *
 * <p><b>Secrets and environment.</b> The service has no environment parameter. Values are written with
 * {@code writeFiles} to a file with a random name in the session; the code sent first loads that file into
 * the environment ({@code os.environ}; for JavaScript and TypeScript {@code Deno.env} on Deno and
 * {@code process.env} on Node.js, detected by {@code globalThis.Deno}) and deletes it before the program's
 * first line runs. Line numbers in errors and stack traces stay the program's own: a one-shot Python program
 * runs as its own compilation unit after that preamble, and a one-shot JavaScript or TypeScript program gets
 * the preamble as one line in front of its first line (only columns of that line shift; a {@code #!} line and
 * a {@code "use strict"} directive stay first). Sessions load the file once, when the service session starts,
 * in a call of its own. Static {@code import}s of an ES module are evaluated before its first statement, so
 * a module they load that reads the environment at load time does not see the values. Values therefore never
 * appear in any code text the service receives or logs, nor in records or log lines here; they do exist in
 * the session's file system between the write and the preamble, inside the session's microVM. Outputs are
 * redacted like the local sandbox's. Set-up commands run before the values are written, so they never see them.
 *
 * <p><b>Set-up.</b> {@link Builder#setupCommand} commands (for example {@code pip install stripe==11.1.1})
 * run with {@code executeCommand} once in every service session this sandbox starts, before the program; a
 * failing one fails the run with a {@link SandboxException}.
 *
 * <p><b>Session lifetime.</b> Every service session ends after {@link Builder#sessionTimeout} whatever it is
 * doing (the service's {@code sessionTimeoutSeconds}); {@code SessionOptions.idleTimeout} is not used, since a
 * session the service ended is replaced on the next call anyway.
 *
 * <p><b>Sessions and reset.</b> A session runs one language. {@link SandboxSession#reset()} stops the
 * service session and starts a new one (set-up commands and environment preamble run again) for every
 * language: the service's {@code clearContext} clears Python only, and would keep files.
 *
 * <p>Thread-safe: runs in parallel each use their own session. The caller owns the sandbox;
 * {@link #close()} stops every session it started and closes the client if the builder created it (a client
 * passed to {@link Builder#client} stays the caller's).
 *
 * <pre>{@code
 * try (AgentCoreSandbox sandbox = AgentCoreSandbox.builder()
 *         .region(Region.US_EAST_1)
 *         .setupCommand("pip install stripe==11.1.1")
 *         .build()) {
 *     ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python("print(6 * 7)")));
 * }
 * }</pre>
 */
@Experimental
public final class AgentCoreSandbox implements Sandbox {
    /** The built-in code interpreter, with the most restrictive defaults ({@link AgentCoreNetworkMode#SANDBOX}). */
    public static final String DEFAULT_IDENTIFIER = "aws.codeinterpreter.v1";

    private static final SandboxCapabilities CAPABILITIES = SandboxCapabilities.builder()
            .languages(List.of(Language.PYTHON, Language.JAVASCRIPT, Language.TYPESCRIPT))
            .capabilities(List.of(
                    SandboxCapability.ENVIRONMENT,
                    SandboxCapability.SECRETS,
                    SandboxCapability.FILESYSTEM_ISOLATION,
                    SandboxCapability.WALL_TIME_LIMIT,
                    SandboxCapability.OUTPUT_LIMIT,
                    SandboxCapability.INPUT_FILES,
                    SandboxCapability.OUTPUT_FILES,
                    SandboxCapability.SESSIONS))
            .build();

    private final String identifier;
    private final AgentCoreNetworkMode unfilteredMode;
    private final Interpreters engine;
    private final Set<SandboxSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionNumbers = new AtomicLong();

    private AgentCoreSandbox(Builder b, BedrockAgentCoreAsyncClient client, boolean owned) {
        this.identifier = b.identifier;
        this.unfilteredMode = b.unfilteredMode;
        List<String> notes = new ArrayList<>();
        notes.add("limits: wall time and output cap enforced by this client; memory, CPU time, processes and "
                + "disk are the service's microVM's, not enforced per run");
        notes.add(
                unfilteredMode == null
                        ? "network: decided by the code interpreter's network mode, not isolated or filtered per run"
                        : "network: code interpreter network mode " + unfilteredMode
                                + "; hosts are not filtered per run");
        this.engine = new Interpreters(
                new InterpreterCalls(client, identifier),
                b.sessionTimeout,
                b.setup,
                b.setupTimeout,
                notes,
                owned ? client : null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The code interpreter this sandbox runs in. */
    public String identifier() {
        return identifier;
    }

    /**
     * Runs {@code request} in a new service session, stopped afterwards.
     *
     * @throws UnsupportedCapabilityException when the request needs what this sandbox does not enforce
     * @throws SandboxException when the service cannot start a session or run the program; retryable for
     *     throttling, server errors and connection failures
     */
    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        List<String> notes = new ArrayList<>();
        ExecutionRequest checked = request;
        if (!request.network().isNone()) {
            checkNetwork(request.network());
            notes.add(allowlistNote(request.network()));
            checked = request.toBuilder().network(NetworkPolicy.none()).build();
        }
        CAPABILITIES.check(checked, toString());
        return engine.runOnce(request, notes);
    }

    /**
     * Opens a session on a new service session; its set-up commands and environment preamble run now.
     *
     * @throws UnsupportedCapabilityException when the options need what this sandbox does not enforce
     * @throws SandboxException when the service session cannot be started or set up
     */
    @Override
    public SandboxSession openSession(SessionOptions options) {
        Objects.requireNonNull(options, "options");
        SessionOptions checked = options;
        if (!options.network().isNone()) {
            checkNetwork(options.network());
            checked = options.toBuilder().network(NetworkPolicy.none()).build();
        }
        CAPABILITIES.check(checked, toString());
        InterpreterSession session =
                new InterpreterSession(engine, options, "agentcore-session-" + sessionNumbers.incrementAndGet());
        sessions.add(session);
        return session;
    }

    private void checkNetwork(NetworkPolicy network) {
        if (unfilteredMode == null) {
            throw new UnsupportedCapabilityException(
                    this + " cannot enforce a host allowlist (" + network.allowedHosts() + "): network access is "
                            + "a property of the code interpreter resource (network mode SANDBOX, PUBLIC or VPC), the "
                            + "same for every run, and no host filtering is available. Run without allowed hosts, or, "
                            + "if the interpreter's mode is acceptable for this task, build the sandbox with "
                            + "networkWithoutHostFiltering(AgentCoreNetworkMode.<its mode>).",
                    Set.of(SandboxCapability.HOST_ALLOWLIST));
        }
    }

    private String allowlistNote(NetworkPolicy network) {
        return "network: the request allowed " + network.allowedHosts() + ", but code interpreter " + identifier
                + " has network mode " + unfilteredMode + " and this sandbox cannot filter hosts: the allowlist "
                + "was not enforced";
    }

    /** Declared once; see the class description. */
    @Override
    public SandboxCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** Stops every session this sandbox started and closes a client the builder created. Idempotent. */
    @Override
    public void close() {
        for (SandboxSession s : List.copyOf(sessions)) {
            s.close();
        }
        sessions.clear();
        engine.close();
    }

    @Override
    public String toString() {
        return "AgentCoreSandbox[" + identifier + "]";
    }

    /** Builder for {@link AgentCoreSandbox}; not thread-safe. Every setting is optional. */
    public static final class Builder {
        private BedrockAgentCoreAsyncClient client;
        private Region region;
        private AwsCredentialsProvider credentials;
        private URI endpoint;
        private String identifier = DEFAULT_IDENTIFIER;
        private Duration sessionTimeout = Duration.ofMinutes(15);
        private final List<String> setup = new ArrayList<>();
        private Duration setupTimeout = Duration.ofMinutes(10);
        private AgentCoreNetworkMode unfilteredMode;

        private Builder() {}

        /**
         * A client you built and own (it must be the async client: only it offers
         * {@code InvokeCodeInterpreter}); {@link AgentCoreSandbox#close()} leaves it open. Excludes
         * {@link #region}, {@link #credentials} and {@link #endpoint}.
         */
        public Builder client(BedrockAgentCoreAsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The region of the client this builder creates; default: the AWS region chain. */
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The credentials of the client this builder creates; default: the AWS credentials chain. */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The endpoint of the client this builder creates (a fake server, a proxy); default: the standard AWS
         * settings, which include {@code AWS_ENDPOINT_URL_BEDROCK_AGENTCORE} and {@code AWS_ENDPOINT_URL}.
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The code interpreter's identifier; default {@value AgentCoreSandbox#DEFAULT_IDENTIFIER}. */
        public Builder identifier(String identifier) {
            if (identifier == null || identifier.isBlank()) {
                throw new ConfigurationException("identifier must not be blank (default " + DEFAULT_IDENTIFIER + ")");
            }
            this.identifier = identifier.strip();
            return this;
        }

        /**
         * The lifetime of each service session, after which the service ends it whatever it is doing
         * ({@code sessionTimeoutSeconds}); default 15 minutes, from 1 second to 8 hours, in whole seconds.
         */
        public Builder sessionTimeout(Duration sessionTimeout) {
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            if (sessionTimeout.toSeconds() < 1 || sessionTimeout.toSeconds() > 28_800) {
                throw new ConfigurationException(
                        "sessionTimeout must be between 1 second and 8 hours, was " + sessionTimeout);
            }
            this.sessionTimeout = Duration.ofSeconds(sessionTimeout.toSeconds());
            return this;
        }

        /**
         * A shell command to run once in every service session before any program, such as
         * {@code pip install stripe==11.1.1}; several run in the order given. It never sees secrets.
         */
        public Builder setupCommand(String command) {
            if (command == null || command.isBlank()) {
                throw new ConfigurationException("setupCommand must not be blank");
            }
            setup.add(command);
            return this;
        }

        /** How long each set-up command may take; default 10 minutes. */
        public Builder setupTimeout(Duration setupTimeout) {
            Objects.requireNonNull(setupTimeout, "setupTimeout");
            if (setupTimeout.isNegative() || setupTimeout.isZero()) {
                throw new ConfigurationException("setupTimeout must be positive, was " + setupTimeout);
            }
            this.setupTimeout = setupTimeout;
            return this;
        }

        /**
         * States that the code interpreter's network mode is {@code mode} and that host-level filtering is not
         * available, so that requests whose network policy allows hosts run anyway, unfiltered, with a note on
         * every result saying so. Without this, such requests are refused.
         */
        public Builder networkWithoutHostFiltering(AgentCoreNetworkMode mode) {
            this.unfilteredMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Builds the sandbox; creates an async client (Netty, HTTP/1.1) unless {@link #client} gave one. Starts
         * no session.
         *
         * @throws ConfigurationException when a client was given together with region, credentials or endpoint
         */
        public AgentCoreSandbox build() {
            if (client != null) {
                if (region != null || credentials != null || endpoint != null) {
                    throw new ConfigurationException("AgentCoreSandbox.Builder: give either client(...) or "
                            + "region/credentials/endpoint for a client it creates, not both");
                }
                return new AgentCoreSandbox(this, client, false);
            }
            BedrockAgentCoreAsyncClientBuilder b = BedrockAgentCoreAsyncClient.builder()
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                            .protocol(Protocol.HTTP1_1)
                            .maxConcurrency(256)
                            .connectionAcquisitionTimeout(Duration.ofMinutes(2))
                            .readTimeout(Duration.ZERO)
                            .writeTimeout(Duration.ofMinutes(2)));
            return new AgentCoreSandbox(
                    this, ClientSettings.apply(b, region, credentials, endpoint).build(), true);
        }
    }
}
