package dev.agentic.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.AgenticException;
import dev.agentic.core.CancellationToken;
import dev.agentic.core.Code;
import dev.agentic.core.Conversation;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Generator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.RunId;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowRequest;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.validate.CodeValidator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * One browser tab's session: a workflow conversation, the sandbox session its programs share (when the sandbox
 * has sessions), its history, and the WebSocket(s) its events go to. Secrets are resolved once when the tab
 * opens; every payload that leaves passes their {@link Redactor}.
 *
 * <p>Thread-safe. {@link #close(String)} ends the sandbox session and cancels a task in progress.
 */
@Internal
final class TabSession {
    /** The files a run leaves that the page offers: data, text and images, in any folder. */
    static final List<String> OUTPUT_GLOBS = List.of(
            "**/*.png",
            "**/*.jpg",
            "**/*.jpeg",
            "**/*.gif",
            "**/*.webp",
            "**/*.svg",
            "**/*.csv",
            "**/*.txt",
            "**/*.json",
            "**/*.md",
            "**/*.html",
            "**/*.pdf");

    private final String id;
    private final AppConfig config;
    private final Map<String, String> secretValues;
    private final Redactor redactor;
    private final SessionSandbox sandboxSession;
    private final Sandbox runSandbox;
    private final Executor executor;
    private final Orchestrator orchestrator;
    private final Semaphore runs;
    private final History history = new History(100);
    private final Consumer<String> sink;
    private Conversation conversation;
    private volatile CancellationToken currentTask;
    private volatile long lastActive = System.nanoTime();
    private volatile boolean closed;
    private long inputTokens;
    private long outputTokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private boolean costUnknown;

    /**
     * @param sink receives every payload (JSON text, redacted) for the tab's WebSocket(s)
     */
    TabSession(String id, AppConfig config, Generator generator, Consumer<String> sink) {
        this.id = id;
        this.config = config;
        this.sink = sink;
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, SecretRef> e : config.secretRefs().entrySet()) {
            values.put(e.getKey(), config.secrets().resolve(e.getValue()));
        }
        this.secretValues = Map.copyOf(values);
        this.redactor = Redactor.of(secretValues.values());
        if (config.statePersists()) {
            SessionOptions.Builder ob = SessionOptions.builder()
                    .language(config.language())
                    .limits(config.limits())
                    .network(config.network())
                    .idleTimeout(config.idleTimeout().plusMinutes(1));
            secretValues.forEach(ob::secret);
            this.sandboxSession = new SessionSandbox(config.sandbox(), ob.build());
            this.runSandbox = sandboxSession;
        } else {
            this.sandboxSession = null;
            this.runSandbox = config.sandbox();
        }
        this.executor = Executor.builder()
                .sandbox(runSandbox)
                .validationPolicy(config.validationPolicy())
                .build();
        this.orchestrator = Orchestrator.builder()
                .generator(generator)
                .executor(executor)
                .store(config.store())
                .secrets(SecretProvider.fromMap(secretValues))
                .maxAttempts(config.maxAttempts())
                .priceTable(config.prices())
                .build();
        this.runs = new Semaphore(config.maxRunsPerSession());
        this.conversation = orchestrator.conversation();
    }

    String id() {
        return id;
    }

    boolean statePersists() {
        return sandboxSession != null;
    }

    /** Nanos of the last request, run start or run end. */
    long lastActive() {
        return lastActive;
    }

    boolean busy() {
        return runs.availablePermits() < config.maxRunsPerSession();
    }

    boolean closed() {
        return closed;
    }

    void touch() {
        lastActive = System.nanoTime();
    }

    /** Sends {@code payload}, redacted, to the tab's WebSocket(s). */
    void push(ObjectNode payload) {
        sink.accept(redactor.redact(Payloads.write(payload)));
    }

    /** {@code payload} as text with every secret value masked: what any HTTP answer of this tab sends. */
    String redacted(ObjectNode payload) {
        return redactor.redact(Payloads.write(payload));
    }

    /** Starts a task (a follow-up of the earlier ones) on {@code threads}; the events go to the WebSocket. */
    RunId startTask(String description, ExecutorService threads, Semaphore global) {
        acquire(global);
        RunId runId = RunId.random();
        CancellationToken token = CancellationToken.create();
        currentTask = token;
        try {
            threads.execute(() -> runTask(description, runId, token, global));
        } catch (RuntimeException e) {
            release(global);
            throw new Refusal(503, "the server cannot start the task now: " + e.getMessage());
        }
        return runId;
    }

    private void runTask(String description, RunId runId, CancellationToken token, Semaphore global) {
        String[] modelId = {null};
        ObjectNode last;
        try {
            Conversation c;
            synchronized (this) {
                c = conversation;
            }
            Task.Builder t = Task.builder()
                    .description(describe(description, c))
                    .integration(config.integration())
                    .language(config.language())
                    .network(config.network())
                    .limits(config.limits());
            secretValues.keySet().forEach(name -> t.secret(name, SecretRef.of(name)));
            OUTPUT_GLOBS.forEach(t::outputGlob);
            WorkflowResult result = c.run(WorkflowRequest.builder()
                    .task(t.build())
                    .runId(runId)
                    .cancellation(token)
                    .listener(event -> onEvent(event, modelId))
                    .build());
            last = finishTask(description, result, modelId[0]);
        } catch (AgenticException e) {
            last = Payloads.object()
                    .put("type", "error")
                    .put("runId", runId.toString())
                    .put("message", redactor.redact(e.getMessage()));
        } finally {
            if (currentTask == token) {
                currentTask = null;
            }
            release(global);
        }
        // after the release: a client that reacts to the last event may start the next run at once
        push(last);
    }

    /** In a session whose state persists, a follow-up is told that the earlier programs' state is still there. */
    private String describe(String description, Conversation c) {
        if (sandboxSession == null || c.turns().isEmpty()) {
            return description;
        }
        return description + "\n\n(The program runs in the same interpreter session as the earlier programs: their "
                + "variables, imports and files are still there.)";
    }

    private void onEvent(WorkflowEvent event, String[] modelId) {
        touch();
        if (event instanceof WorkflowEvent.CodeGenerated g) {
            modelId[0] = g.modelId();
        }
        ObjectNode payload = Payloads.event(event);
        if (payload != null) {
            push(payload);
        }
    }

    private ObjectNode finishTask(String description, WorkflowResult result, String modelId) {
        int n = history.reserve();
        ObjectNode workflow = Payloads.workflow(result, modelId, filesUrl(n));
        ObjectNode entry = entry("task", description, result.status().name());
        entry.put("task", description).set("workflow", workflow);
        result.finalCode().ifPresent(code -> Payloads.code(entry, code));
        synchronized (this) {
            inputTokens += result.usage().inputTokens();
            outputTokens += result.usage().outputTokens();
            cost = cost.add(result.estimatedCostUsd().orElse(BigDecimal.ZERO));
            costUnknown |= result.modelCalls() > 0 && result.estimatedCostUsd().isEmpty();
        }
        List<OutputFile> files =
                result.finalResult().map(r -> r.output().files()).orElse(List.of());
        history.add(n, entry, files);
        ObjectNode message = Payloads.object()
                .put("type", "finished")
                .put("runId", result.runId().toString());
        message.set("entry", entry);
        message.set("session", totals());
        return message;
    }

    /** Validates {@code code} and runs it when valid, in the tab's sandbox session; the finished history entry. */
    ObjectNode run(String code, Semaphore global) {
        acquire(global);
        ObjectNode entry;
        try {
            Code program = new Code(config.language(), code);
            push(Payloads.object().put("type", "run-started"));
            ExecutionRequest.Builder b = ExecutionRequest.builder()
                    .code(program)
                    .limits(config.limits())
                    .network(config.network())
                    .secrets(secretValues);
            OUTPUT_GLOBS.forEach(b::outputGlob);
            ExecutionOutcome outcome = executor.execute(b.build());
            int n = history.reserve();
            List<OutputFile> files = List.of();
            if (outcome instanceof ExecutionOutcome.Ran ran) {
                ExecutionResult r =
                        ran.result().withOutput(ran.result().output().redact(redactor));
                entry = entry("run", "Edited code", r.status());
                entry.set("result", Payloads.result(r, filesUrl(n)));
                if (r.output().notes().contains(SessionSandbox.CANCELLED)) {
                    entry.put("cancelled", true);
                }
                files = r.output().files();
            } else {
                entry = entry("run", "Edited code", "REJECTED");
            }
            entry.set("validation", Payloads.validation(outcome.validation()));
            Payloads.code(entry, program);
            history.add(n, entry, files);
        } finally {
            release(global);
        }
        ObjectNode message = Payloads.object().put("type", "run-finished");
        message.set("entry", entry);
        push(message);
        return entry;
    }

    /** The validator's findings for {@code code} under the app's policy and network. */
    ObjectNode validate(String code) {
        touch();
        CodeValidator validator = CodeValidator.forLanguage(config.language(), config.validationPolicy());
        return Payloads.validation(validator.validate(new Code(config.language(), code), config.network()));
    }

    /**
     * Cancels what runs in this tab now: a task in progress (it stops at its next step) and the program running
     * in the tab's sandbox session (ended at once, see {@link SessionSandbox#cancel()}). Without sandbox sessions
     * a program already running ends at its time limit. The answer says what was cancelled.
     */
    ObjectNode cancel() {
        touch();
        CancellationToken t = currentTask;
        boolean task = false;
        if (t != null) {
            t.cancel();
            task = true;
        }
        boolean program = sandboxSession != null && sandboxSession.cancel();
        ObjectNode n = Payloads.object()
                .put("cancelled", task || program)
                .put("task", task)
                .put("program", program);
        if (!task && !program) {
            n.put(
                    "reason",
                    busy()
                            ? "this sandbox has no sessions: the run in progress ends at its time limit"
                            : "nothing is running in this session");
        }
        return n;
    }

    /** Cancels a task in progress, forgets the conversation and history, and discards the sandbox state. */
    void reset() {
        touch();
        CancellationToken t = currentTask;
        if (t != null) {
            t.cancel();
        }
        synchronized (this) {
            conversation = orchestrator.conversation();
            inputTokens = 0;
            outputTokens = 0;
            cost = BigDecimal.ZERO;
            costUnknown = false;
        }
        history.clear();
        if (sandboxSession != null) {
            sandboxSession.reset();
        }
        push(Payloads.object().put("type", "reset"));
    }

    History history() {
        touch();
        return history;
    }

    /** The tab's token and cost totals; no cost when a model without a known price answered. */
    synchronized ObjectNode totals() {
        ObjectNode n = Payloads.object().put("inputTokens", inputTokens).put("outputTokens", outputTokens);
        if (!costUnknown) {
            n.put("estimatedCostUsd", cost.stripTrailingZeros().toPlainString());
        }
        return n;
    }

    /** Ends the tab: cancels a task in progress and closes the sandbox session. Idempotent. */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        CancellationToken t = currentTask;
        if (t != null) {
            t.cancel();
        }
        try {
            push(Payloads.object().put("type", "closed").put("reason", reason));
        } catch (RuntimeException ignored) {
            // the socket may be gone already
        }
        if (sandboxSession != null) {
            sandboxSession.end();
        }
    }

    private void acquire(Semaphore global) {
        touch();
        if (closed) {
            throw new Refusal(410, "this session has ended; reload the page for a new one");
        }
        if (!runs.tryAcquire()) {
            throw new Refusal(
                    429,
                    "this session already has " + config.maxRunsPerSession()
                            + " run(s) in progress; wait for it to finish");
        }
        if (!global.tryAcquire()) {
            runs.release();
            throw new Refusal(
                    429, "the server already runs " + config.maxRunsTotal() + " programs at once; try again shortly");
        }
    }

    private void release(Semaphore global) {
        global.release();
        runs.release();
        touch();
    }

    private String filesUrl(int n) {
        return "/api/sessions/" + id + "/history/" + n + "/files/";
    }

    private static ObjectNode entry(String kind, String title, String status) {
        return Payloads.object()
                .put("kind", kind)
                .put("title", title)
                .put("status", status)
                .put("time", Instant.now().toString());
    }
}
