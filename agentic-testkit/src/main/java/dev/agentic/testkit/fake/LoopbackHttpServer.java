package dev.agentic.testkit.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.annotation.Internal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on 127.0.0.1 at a free port, answering every path with one handler on daemon
 * threads, plus the request helpers fake servers share.
 *
 * <p>Thread-safe. The creator owns it: {@link #close()} stops the server at once and its threads.
 */
@Internal
public final class LoopbackHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a server whose every request goes to {@code handler}.
     *
     * @param threadName the name of the server's threads, e.g. {@code fake-bedrock}
     * @param handler answers every request, on any path
     * @param what what the server is, for the error when it cannot start, e.g. {@code the fake Bedrock server}
     * @throws UncheckedIOException when no port can be bound
     */
    public static LoopbackHttpServer start(String threadName, HttpHandler handler, String what) {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(handler, "handler");
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            http.createContext("/", handler);
            http.setExecutor(executor);
            http.start();
            return new LoopbackHttpServer(http, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + what, e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The whole request body of {@code exchange}. */
    public static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** The request headers of {@code exchange}, names in lower case, as a mutable copy. */
    public static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        return headers;
    }

    /** Waits {@code delay} before a scripted reply; returns at once for zero. */
    public static void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }
}
