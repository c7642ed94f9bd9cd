package dev.agentic.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.AgenticException;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Generator;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.OutputFile;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server (Javalin on Jetty): the page's files, the JSON API and the event WebSocket of
 * {@code docs/web-api.md}, every request through the {@link Guard}. Thread-safe; {@link #close()} stops it.
 */
@Internal
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String SESSION = "/api/sessions/{id}";

    private final AppConfig config;
    private final Sessions sessions;
    private final Semaphore runs;
    private final ExecutorService taskThreads;
    private final ScheduledExecutorService sweeper;
    private final Map<String, Set<WsContext>> sockets = new ConcurrentHashMap<>();
    private final Javalin javalin;
    private final URI url;
    private volatile boolean closed;

    private WebServer(AppConfig config) {
        this.config = config;
        Generator generator = ModelGenerator.builder()
                .model(config.model())
                .environment(config.sandbox().environment())
                .build();
        this.sessions = new Sessions(config, generator);
        this.runs = new Semaphore(config.maxRunsTotal());
        this.taskThreads = Executors.newFixedThreadPool(config.maxRunsTotal(), daemon("agentic-web-task"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("agentic-web-idle"));
        boolean loopback = isLoopback(config.host());
        if (!loopback) {
            String warning = "WARNING: agentic serve listens on " + config.host() + ", not on a loopback address: "
                    + "anyone who can reach this machine and has the token can run code in its sandbox.";
            LOG.warn(warning);
            config.warnings().accept(warning);
        }
        this.javalin = Javalin.create(this::configure);
        try {
            javalin.start(config.host(), config.port());
        } catch (RuntimeException e) {
            shutdownThreads();
            throw new ConfigurationException(
                    "cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage()
                            + "); choose another --port",
                    e);
        }
        int port = javalin.port();
        String shownHost = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if (config.host().equals("0.0.0.0") || config.host().equals("::")) {
            shownHost = "127.0.0.1";
        }
        this.url = URI.create("http://" + shownHost + ":" + port + "/");
        long period = Math.max(100, Math.min(config.idleTimeout().toMillis() / 4, 30_000));
        sweeper.scheduleWithFixedDelay(sessions::endIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts a server for {@code config}. */
    public static WebServer start(AppConfig config) {
        return new WebServer(config);
    }

    private void configure(JavalinConfig c) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.http.maxRequestSize = config.maxRequestBytes();
        c.jetty.modifyWebSocketServletFactory(f -> {
            f.setMaxTextMessageSize(4096);
            f.setMaxBinaryMessageSize(4096);
            f.setIdleTimeout(Duration.ofMinutes(2));
        });
        Guard guard = new Guard(config.token(), () -> javalin.port(), hostNames(), config.maxRequestBytes());
        c.routes.before(guard::check);
        c.routes.wsBeforeUpgrade(guard::check);
        c.routes.wsBeforeUpgrade(SESSION + "/events", ctx -> tab(ctx).touch());
        c.routes.exception(Refusal.class, (e, ctx) -> json(ctx.status(e.status()), Payloads.error(e.getMessage())));
        c.routes.exception(AgenticException.class, (e, ctx) -> {
            LOG.warn("request {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            json(ctx.status(500), Payloads.error(e.getMessage()));
        });
        for (String path : Assets.paths()) {
            c.routes.get(path, ctx -> ctx.contentType(Assets.contentType(path)).result(Assets.read(path)));
        }
        c.routes.get("/api/info", ctx -> json(ctx, info()));
        c.routes.post("/api/sessions", this::openSession);
        c.routes.delete(SESSION, ctx -> {
            sessions.end(ctx.pathParam("id"), "ended by request");
            ctx.status(204);
        });
        c.routes.post(SESSION + "/tasks", this::startTask);
        c.routes.post(SESSION + "/run", ctx -> {
            TabSession tab = tab(ctx);
            String code = text(ctx, "code");
            if (code.getBytes(StandardCharsets.UTF_8).length > config.maxCodeBytes()) {
                throw new Refusal(413, "the program has more than " + config.maxCodeBytes() + " bytes");
            }
            ObjectNode entry = tab.run(code, runs);
            ctx.contentType("application/json").result(tab.redacted(entry));
        });
        c.routes.post(SESSION + "/validate", ctx -> {
            TabSession tab = tab(ctx);
            String code = text(ctx, "code");
            if (code.getBytes(StandardCharsets.UTF_8).length > config.maxCodeBytes()) {
                throw new Refusal(413, "the program has more than " + config.maxCodeBytes() + " bytes");
            }
            ctx.contentType("application/json").result(tab.redacted(tab.validate(code)));
        });
        c.routes.post(SESSION + "/cancel", ctx -> {
            TabSession tab = tab(ctx);
            ctx.contentType("application/json").result(tab.redacted(tab.cancel()));
        });
        c.routes.post(SESSION + "/reset", ctx -> {
            tab(ctx).reset();
            ctx.status(204);
        });
        c.routes.get(SESSION + "/history", ctx -> {
            TabSession tab = tab(ctx);
            ObjectNode n = Payloads.object();
            n.set("entries", tab.history().summary());
            n.set("session", tab.totals());
            ctx.contentType("application/json").result(tab.redacted(n));
        });
        c.routes.get(SESSION + "/history/{n}", ctx -> {
            TabSession tab = tab(ctx);
            ctx.contentType("application/json")
                    .result(tab.redacted(tab.history().get(number(ctx, "n")).payload()));
        });
        c.routes.get(SESSION + "/history/{n}/files/{i}", this::file);
        c.routes.ws(SESSION + "/events", ws -> {
            ws.onConnect(ctx -> {
                TabSession tab = sessions.get(ctx.pathParam("id"));
                sockets.computeIfAbsent(tab.id(), k -> new CopyOnWriteArraySet<>())
                        .add(ctx);
                ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
                tab.touch();
                ctx.send(Payloads.write(Payloads.object().put("type", "hello").put("session", tab.id())));
            });
            ws.onMessage(ctx -> {
                TabSession tab = sessions.get(ctx.pathParam("id"));
                tab.touch();
            });
            ws.onClose(ctx -> socketClosed(ctx.pathParam("id"), ctx));
            ws.onError(ctx -> socketClosed(ctx.pathParam("id"), ctx));
        });
    }

    private void openSession(Context ctx) {
        if (closed) {
            throw new Refusal(503, "the server is stopping");
        }
        TabSession tab = sessions.open(id -> text -> send(id, text));
        ObjectNode n = Payloads.object()
                .put("id", tab.id())
                .put("statePersists", tab.statePersists())
                .put("events", "/api/sessions/" + tab.id() + "/events");
        json(ctx.status(201), n);
    }

    private void startTask(Context ctx) {
        TabSession tab = tab(ctx);
        String task = text(ctx, "task");
        if (task.isBlank()) {
            throw new Refusal(400, "the task is empty; describe what the program should do");
        }
        if (task.length() > config.maxTaskChars()) {
            throw new Refusal(
                    413,
                    "the task has " + task.length() + " characters; at most " + config.maxTaskChars()
                            + " are accepted");
        }
        String runId = tab.startTask(task, taskThreads, runs).toString();
        json(ctx.status(202), Payloads.object().put("runId", runId));
    }

    private void file(Context ctx) {
        TabSession tab = tab(ctx);
        History.Entry entry = tab.history().get(number(ctx, "n"));
        int i = number(ctx, "i");
        if (i >= entry.files().size()) {
            throw new Refusal(404, "entry " + entry.number() + " has no file " + i);
        }
        OutputFile f = entry.files().get(i);
        String name = f.path().substring(f.path().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        boolean image = FileTypes.isImage(f.path());
        ctx.header("Content-Disposition", (image ? "inline" : "attachment") + "; filename=\"" + name + "\"");
        ctx.contentType(FileTypes.contentType(f.path())).result(f.content());
    }

    private TabSession tab(Context ctx) {
        return sessions.get(ctx.pathParam("id"));
    }

    private static String text(Context ctx, String field) {
        JsonNode body;
        try {
            body = Payloads.JSON.readTree(ctx.body());
        } catch (IOException e) {
            throw new Refusal(400, "the body is not JSON; send {\"" + field + "\": \"...\"}");
        }
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isTextual()) {
            throw new Refusal(400, "the body needs a text field \"" + field + "\"");
        }
        return value.asText();
    }

    private static int number(Context ctx, String param) {
        try {
            int n = Integer.parseInt(ctx.pathParam(param));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refusal(400, param + " must be a number");
        }
    }

    private ObjectNode info() {
        ObjectNode n = Payloads.object()
                .put("model", config.model().id())
                .put("sandbox", config.sandbox().toString())
                .put("statePersists", config.statePersists())
                .put("language", config.language().id())
                .put("maxTaskChars", config.maxTaskChars())
                .put("maxCodeBytes", config.maxCodeBytes())
                .put("maxAttempts", config.maxAttempts())
                .put("wallTimeMs", config.limits().wallTime().toMillis())
                .put("memoryBytes", config.limits().memoryBytes())
                .put("editor", "CodeMirror " + Assets.CODEMIRROR);
        if (config.modelNotice() != null) {
            n.put("modelNotice", config.modelNotice());
        }
        ArrayNode hosts = n.putArray("allowedHosts");
        config.allowedHosts().forEach(h -> hosts.add(h.toString()));
        ArrayNode secrets = n.putArray("secrets");
        config.secretRefs().keySet().forEach(secrets::add);
        return n;
    }

    private void send(String id, String text) {
        Set<WsContext> set = sockets.get(id);
        if (set == null) {
            return;
        }
        for (WsContext ws : set) {
            synchronized (ws) {
                try {
                    if (ws.session.isOpen()) {
                        ws.send(text);
                    }
                } catch (RuntimeException e) {
                    LOG.debug("could not send to a WebSocket of session {}: {}", id, e.toString());
                }
            }
        }
    }

    /** A tab's WebSocket closed: when it was the tab's last, the tab has gone and its session ends. */
    private void socketClosed(String id, WsContext ctx) {
        Set<WsContext> set = sockets.get(id);
        if (set == null) {
            return;
        }
        set.remove(ctx);
        if (set.isEmpty()) {
            sockets.remove(id);
            sessions.end(id, "its page was closed");
        }
    }

    private static void json(Context ctx, ObjectNode node) {
        ctx.contentType("application/json").result(Payloads.write(node));
    }

    /** The names the Host header may carry (with the server's port): the loopback ones, or any when not loopback. */
    private Set<String> hostNames() {
        if (!isLoopback(config.host())) {
            return Set.of();
        }
        Set<String> set = new HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]"));
        set.add(config.host().contains(":") ? "[" + config.host() + "]" : config.host());
        return set;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public URI url() {
        return url;
    }

    public String token() {
        return config.token();
    }

    public int port() {
        return javalin.port();
    }

    public int openSessions() {
        return sessions.count();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sessions.endAll("the server stopped");
        javalin.stop();
        shutdownThreads();
    }

    private void shutdownThreads() {
        sweeper.shutdownNow();
        taskThreads.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
