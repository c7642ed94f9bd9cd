package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.testkit.aws.AgentCoreFault.Kind;
import dev.agentic.testkit.aws.AgentCoreFault.Operation;
import dev.agentic.testkit.fake.LoopbackHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Amazon Bedrock AgentCore code interpreter (data plane) for tests: sessions (start, get, list,
 * stop, expiry after {@code sessionTimeoutSeconds}) and the tools {@code executeCode}, {@code executeCommand},
 * {@code writeFiles}, {@code readFiles}, {@code listFiles} and {@code removeFiles} over
 * {@code InvokeCodeInterpreter}'s event stream, on 127.0.0.1 at a random port, so the real AWS SDK clients can
 * be pointed at {@link #endpoint()}. Code and commands run for real in the {@link Sandbox} it was given:
 *
 * <ul>
 *   <li>When that sandbox declares {@code SESSIONS}, each fake session is one of its sessions: variables,
 *       imports and files persist between calls, as in the service. {@link #keepsInterpreterState()} is true.
 *   <li>Otherwise each call is a one-shot run whose working directory starts with the session's files and
 *       whose files afterwards become the session's files: files persist, <b>variables do not</b>, and
 *       {@code clearContext} has nothing to clear. Tests that need interpreter state check
 *       {@link #keepsInterpreterState()}.
 * </ul>
 *
 * <p>{@code executeCode} runs {@code python}, {@code javascript} and {@code typescript} when the backing
 * sandbox runs that language (TypeScript: a {@code LocalSandbox} on a Node.js that strips types); another
 * language, {@code startCommandExecution}, {@code getTask} and {@code stopTask} get a {@code ValidationException}.
 * With sessions, each language of a fake session has a session of its own whose files are kept the same as the
 * others' around every run (one set of files, as in the service); {@code clearContext} clears Python only;
 * commands run through Python with a shell. Faults: {@link #inject(AgentCoreFault)}; every call is recorded
 * ({@link #requests()}); no signature is checked, any static credentials do.
 *
 * <p>Response shapes (the service documents them only in part; these follow the published models and the
 * Python SDK): {@code readFiles} answers a {@code resource} block per file ({@code resource.uri}
 * {@code file://PATH}, {@code text} or base64 {@code blob}). {@code listFiles} takes {@code path} (or
 * {@code directoryPath}; default the working directory) and answers one level, like {@code ls}, as
 * {@code resource_link} blocks: {@code uri} {@code file:///workspace/PATH} ({@code /workspace} is notional; a
 * trailing {@code /} for a directory), {@code name} (the base name), {@code mimeType} ({@code inode/directory}
 * for a directory), {@code description} ({@code "file"} or {@code "directory"}) and, for a file, {@code size}.
 *
 * <p>Latency: the JDK's HTTP server leaves Nagle's algorithm on unless the JVM runs with
 * {@code -Dsun.net.httpserver.nodelay=true}, so without that flag each answer can wait about 40 ms for the
 * client's delayed ACK. Correctness does not depend on it; timing measurements do.
 *
 * <p>Thread-safe; calls to one session run one at a time, calls to different sessions in parallel, on daemon
 * threads. Stopping a session ends a call running in it. The caller owns both the server and the sandbox:
 * {@link #close()} stops the server at once, with its threads, and ends every session, not the sandbox.
 *
 * <pre>{@code
 * try (LocalSandbox sandbox = LocalSandbox.builder().build();
 *      FakeAgentCoreServer agentCore = FakeAgentCoreServer.start(sandbox);
 *      AgentCoreSandbox remote = AgentCoreSandbox.builder()
 *              .endpoint(agentCore.endpoint()).region(Region.US_EAST_1)
 *              .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
 *              .build()) {
 *     ExecutionResult r = remote.execute(ExecutionRequest.of(Code.python("print(6 * 7)")));
 *     assertThat(agentCore.activeSessions()).isZero();
 * }
 * }</pre>
 */
@Experimental
public final class FakeAgentCoreServer implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile(
            "^/code-interpreters/([^/]+)/(sessions/start|sessions/get|sessions/list|sessions/stop|tools/invoke)$");
    /** The identifier of the built-in code interpreter. */
    public static final String DEFAULT_IDENTIFIER = "aws.codeinterpreter.v1";

    private final LoopbackHttpServer server;
    private final Sandbox sandbox;
    private final ExecutionLimits limits;
    private final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    private final List<RecordedAgentCoreRequest> requests = new CopyOnWriteArrayList<>();
    private final List<AgentCoreFault> faults = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final InterpreterTools tools;

    private FakeAgentCoreServer(Sandbox sandbox, ExecutionLimits limits) {
        this.sandbox = sandbox;
        this.limits = limits;
        this.tools = new InterpreterTools(sandbox.capabilities());
        this.server = LoopbackHttpServer.start("fake-agentcore", this::handle, "the fake AgentCore server");
    }

    /**
     * Starts a server on 127.0.0.1 at a free port that runs code in {@code sandbox} with limits of 2 minutes
     * wall time per call and otherwise the defaults. The caller keeps owning {@code sandbox}.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public static FakeAgentCoreServer start(Sandbox sandbox) {
        return start(
                sandbox,
                ExecutionLimits.defaults().toBuilder()
                        .wallTime(Duration.ofMinutes(2))
                        .build());
    }

    /**
     * Like {@link #start(Sandbox)}, running each call under {@code limits} in {@code sandbox}.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public static FakeAgentCoreServer start(Sandbox sandbox, ExecutionLimits limits) {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(limits, "limits");
        return new FakeAgentCoreServer(sandbox, limits);
    }

    /** The endpoint to give a client's {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Whether variables persist between calls of a session (the backing sandbox declares sessions). */
    public boolean keepsInterpreterState() {
        return sandbox.capabilities().supportsSessions();
    }

    /** Queues {@code fault} for the next {@code fault.times()} calls of its operation. Returns this server. */
    public FakeAgentCoreServer inject(AgentCoreFault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (faults) {
            faults.add(fault);
        }
        return this;
    }

    /** Every call received so far, in order of arrival. */
    public List<RecordedAgentCoreRequest> requests() {
        return List.copyOf(requests);
    }

    /** The tool calls of {@code tool} ({@code executeCode}, …), in order of arrival. */
    public List<RecordedAgentCoreRequest> requests(String tool) {
        return requests.stream().filter(r -> r.tool().equals(tool)).toList();
    }

    /** How many sessions are ready now (started, not stopped, not expired). */
    public int activeSessions() {
        return (int) sessions.values().stream().filter(FakeSession::ready).count();
    }

    /** The ids of the sessions ready now. */
    public List<String> activeSessionIds() {
        return sessions.values().stream()
                .filter(FakeSession::ready)
                .map(s -> s.id)
                .toList();
    }

    /** How many sessions were started since the server started. */
    public int startedSessions() {
        return started.get();
    }

    /** Ends session {@code sessionId} as the service does when its timeout passes; later calls get 404. */
    public void expire(String sessionId) {
        FakeSession s = sessions.get(sessionId);
        if (s != null) {
            s.terminate();
        }
    }

    /**
     * Stops the server at once (later requests are refused; its threads are interrupted) and ends every session,
     * which ends the calls running in them. The sandbox stays open.
     */
    @Override
    public void close() {
        server.close();
        sessions.values().forEach(FakeSession::terminate);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", UUID.randomUUID().toString());
            byte[] body = LoopbackHttpServer.body(exchange);
            Matcher m = PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches()) {
                AwsWire.error(exchange, 404, "UnknownOperationException", "no such operation", false);
                return;
            }
            String identifier = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            JsonNode json = body.length == 0 ? AwsWire.JSON.createObjectNode() : AwsWire.JSON.readTree(body);
            String query = exchange.getRequestURI().getRawQuery();
            String sessionId = query == null ? "" : queryValue(query, "sessionId");
            switch (m.group(2)) {
                case "sessions/start" -> start(exchange, identifier, json);
                case "sessions/get" -> get(exchange, identifier, sessionId, json);
                case "sessions/list" -> list(exchange, identifier, json);
                case "sessions/stop" -> stop(exchange, identifier, sessionId, json);
                default -> invoke(exchange, identifier, json);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(HttpExchange exchange, String identifier, JsonNode json) throws IOException {
        requests.add(new RecordedAgentCoreRequest(Operation.START, identifier, "", "", json));
        if (failed(exchange, Operation.START)) {
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        long timeout = json.path("sessionTimeoutSeconds").asLong(900);
        FakeSession session = new FakeSession(id, identifier, json.path("name").asText(""), timeout);
        try {
            session.interpreter = FakeInterpreter.open(sandbox, limits);
        } catch (SandboxException e) {
            // the backing sandbox is at its session cap (or cannot start one): the service's quota error
            AwsWire.error(
                    exchange, 402, "ServiceQuotaExceededException", "cannot start a session: " + e.getMessage(), false);
            return;
        }
        sessions.put(id, session);
        started.incrementAndGet();
        ObjectNode out = AwsWire.JSON
                .createObjectNode()
                .put("codeInterpreterIdentifier", identifier)
                .put("sessionId", id)
                .put("createdAt", session.createdAt.toString());
        AwsWire.json(exchange, 200, out);
    }

    private void get(HttpExchange exchange, String identifier, String sessionId, JsonNode json) throws IOException {
        requests.add(new RecordedAgentCoreRequest(Operation.GET, identifier, sessionId, "", json));
        if (failed(exchange, Operation.GET)) {
            return;
        }
        FakeSession s = sessions.get(sessionId);
        if (s == null) {
            notFound(exchange, sessionId);
            return;
        }
        AwsWire.json(exchange, 200, s.describe());
    }

    private void list(HttpExchange exchange, String identifier, JsonNode json) throws IOException {
        requests.add(new RecordedAgentCoreRequest(Operation.LIST, identifier, "", "", json));
        if (failed(exchange, Operation.LIST)) {
            return;
        }
        String status = json.path("status").asText("");
        ObjectNode out = AwsWire.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (FakeSession s : sessions.values()) {
            ObjectNode d = s.describe();
            if (s.identifier.equals(identifier)
                    && (status.isEmpty() || status.equals(d.path("status").asText()))) {
                d.remove("sessionTimeoutSeconds");
                d.put("lastUpdatedAt", d.path("createdAt").asText());
                items.add(d);
            }
        }
        AwsWire.json(exchange, 200, out);
    }

    private void stop(HttpExchange exchange, String identifier, String sessionId, JsonNode json) throws IOException {
        requests.add(new RecordedAgentCoreRequest(Operation.STOP, identifier, sessionId, "", json));
        if (failed(exchange, Operation.STOP)) {
            return;
        }
        FakeSession s = sessions.get(sessionId);
        if (s == null) {
            notFound(exchange, sessionId);
            return;
        }
        s.terminate();
        ObjectNode out = AwsWire.JSON
                .createObjectNode()
                .put("codeInterpreterIdentifier", identifier)
                .put("sessionId", sessionId)
                .put("lastUpdatedAt", Instant.now().toString());
        AwsWire.json(exchange, 200, out);
    }

    private void invoke(HttpExchange exchange, String identifier, JsonNode json)
            throws IOException, InterruptedException {
        String sessionId = exchange.getRequestHeaders().getFirst("x-amzn-code-interpreter-session-id");
        sessionId = sessionId == null ? "" : sessionId;
        String tool = json.path("name").asText("");
        JsonNode arguments =
                json.path("arguments").isObject() ? json.path("arguments") : AwsWire.JSON.createObjectNode();
        requests.add(new RecordedAgentCoreRequest(Operation.INVOKE, identifier, sessionId, tool, arguments));
        AgentCoreFault fault = takeFault(Operation.INVOKE);
        FakeSession session = sessions.get(sessionId);
        if (fault != null && fault.kind() == Kind.EXPIRE_SESSION && session != null) {
            session.terminate();
        }
        if (fault != null && (fault.kind() == Kind.THROTTLING || fault.kind() == Kind.SERVER_ERROR)) {
            httpFault(exchange, fault);
            return;
        }
        if (fault != null && fault.kind() == Kind.SLOW) {
            Thread.sleep(fault.delay().toMillis());
        }
        if (session == null || !session.ready()) {
            notFound(exchange, sessionId);
            return;
        }
        exchange.getResponseHeaders().set("x-amzn-code-interpreter-session-id", sessionId);
        if (fault != null && fault.kind() == Kind.IN_STREAM_EXCEPTION) {
            AwsWire.exception(AwsWire.startStream(exchange), fault.member(), "injected fault " + fault.member());
            return;
        }
        tools.answer(exchange, session, tool, arguments);
    }

    private boolean failed(HttpExchange exchange, Operation operation) throws IOException {
        AgentCoreFault fault = takeFault(operation);
        if (fault == null || fault.kind() == Kind.SLOW || fault.kind() == Kind.EXPIRE_SESSION) {
            return false;
        }
        httpFault(exchange, fault);
        return true;
    }

    private static void httpFault(HttpExchange exchange, AgentCoreFault fault) throws IOException {
        int status = fault.kind() == Kind.THROTTLING ? 429 : 500;
        AwsWire.error(exchange, status, fault.member(), "injected fault " + fault.member(), false);
    }

    private AgentCoreFault takeFault(Operation operation) {
        synchronized (faults) {
            for (Iterator<AgentCoreFault> it = faults.iterator(); it.hasNext(); ) {
                AgentCoreFault f = it.next();
                if (f.operation() == operation) {
                    it.remove();
                    if (f.times() > 1) {
                        faults.add(0, f.times(f.times() - 1));
                    }
                    return f;
                }
            }
        }
        return null;
    }

    private static void notFound(HttpExchange exchange, String sessionId) throws IOException {
        AwsWire.error(
                exchange,
                404,
                "ResourceNotFoundException",
                "Session " + sessionId + " was not found or has terminated",
                false);
    }

    private static String queryValue(String query, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values.getOrDefault(name, "");
    }
}
