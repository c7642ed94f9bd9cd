package dev.agentic.sandbox.internal.egress;

import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of a sandbox's network allowlist: an HTTP proxy listening on a Unix domain socket that
 * the sandbox mounts at {@link EgressForwarder#SOCKET_IN_SANDBOX}. One proxy serves one run.
 *
 * <p>Each connection carries one request: {@code CONNECT host:port} (answered {@code 200 Connection
 * established}, then bytes are spliced both ways) or a plain HTTP request with an absolute {@code http://}
 * URI (forwarded once in origin form with {@code Connection: close}). Anything else gets 400 or 405. A
 * refused destination gets {@code 403 Forbidden} with an {@code X-Proxy-Error} header naming the reason.
 * The allowlist is checked before any DNS lookup; the name is resolved once, every address vetted and the
 * proxy connects to the vetted address itself (see {@link HostRules}).
 *
 * <p>Caps for the whole proxy come from the {@link NetworkPolicy}: concurrent connections, total bytes in
 * both directions, and time per connection; request heads are limited to {@value #MAX_HEAD_BYTES} bytes.
 * Every decision is logged and kept in {@link #decisions()}; a tunnel cut by a cap adds a second, refused
 * decision naming the cap ({@code byte limit reached}, {@code connection time limit reached}). At most
 * {@value #MAX_DECISIONS} decisions are kept (and logged); later ones are only counted
 * ({@link #decisionsDropped()}).
 *
 * <p>Thread-safe. The caller owns the proxy and must {@link #close()} it; connections are served by a
 * bounded pool of daemon threads (two per connection cap, plus spares). An admitted tunnel whose second
 * direction finds every worker taken by clients still sending their heads gets a thread of its own, so it is
 * never dropped after its {@code 200}.
 */
public final class EgressProxy implements AutoCloseable {
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Decisions kept per proxy, so that a flood of connection attempts cannot exhaust the host's memory. */
    static final int MAX_DECISIONS = 1000;

    static final String CONNECTION_LIMIT = "connection limit reached";
    static final String BYTE_LIMIT = "byte limit reached";
    static final String TIME_LIMIT = "connection time limit reached";
    private static final Logger LOG = LoggerFactory.getLogger(EgressProxy.class);
    private static final int SPARE_THREADS = 8;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Path socketPath;
    private final NetworkPolicy policy;
    private final DestinationCheck check;
    private final EgressOptions options;
    private final ServerSocketChannel server;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final ThreadFactory tunnelThreads;
    private final Semaphore connectionPermits;
    private final AtomicLong bytesUsed = new AtomicLong();
    private final List<NetworkDecision> decisions = new CopyOnWriteArrayList<>();
    private final AtomicInteger decisionCount = new AtomicInteger();
    private final AtomicLong decisionsDropped = new AtomicLong();
    private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;

    private EgressProxy(Path socketPath, NetworkPolicy policy, EgressOptions options, ServerSocketChannel server) {
        this.socketPath = socketPath;
        this.policy = policy;
        this.options = options;
        this.check = new DestinationCheck(policy, options);
        this.server = server;
        this.connectionPermits = new Semaphore(policy.maxConnections());
        int id = IDS.incrementAndGet();
        this.pool = new ThreadPoolExecutor(
                0,
                2 * policy.maxConnections() + SPARE_THREADS,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                daemon("agentic-egress-" + id + "-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("agentic-egress-" + id + "-timer"));
        this.tunnelThreads = daemon("agentic-egress-" + id + "-tunnel");
        this.acceptor = daemon("agentic-egress-" + id + "-accept").newThread(this::acceptLoop);
    }

    /** Starts a proxy with {@linkplain EgressOptions#defaults() default options}. */
    public static EgressProxy start(Path socketPath, NetworkPolicy policy) {
        return start(socketPath, policy, EgressOptions.defaults());
    }

    /**
     * Starts listening on a new Unix domain socket at {@code socketPath}. Its parent directory must be
     * private (no group or other permissions) or absent, in which case it is created with mode 0700; the
     * socket file itself gets mode 0600.
     *
     * @throws SandboxException if the directory is not private or the socket cannot be bound
     */
    public static EgressProxy start(Path socketPath, NetworkPolicy policy, EgressOptions options) {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(options, "options");
        Path path = socketPath.toAbsolutePath();
        ServerSocketChannel server = null;
        try {
            ensurePrivateDirectory(path.getParent());
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw new SandboxException(
                    "Cannot listen on the egress socket " + path + ": " + e.getMessage()
                            + ". Use a new path (at most 107 bytes long) in a private directory.",
                    e);
        }
        EgressProxy proxy = new EgressProxy(path, policy, options, server);
        proxy.acceptor.start();
        LOG.debug("Egress proxy listening on {} for {}", path, policy);
        return proxy;
    }

    /** The socket this proxy listens on. */
    public Path socketPath() {
        return socketPath;
    }

    /** Every decision so far, in order (allowed and refused); a snapshot. */
    public List<NetworkDecision> decisions() {
        return List.copyOf(decisions);
    }

    /** Stops accepting, closes every open tunnel, deletes the socket file. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        open.forEach(ProxyConnection::close);
        pool.shutdownNow();
        timer.shutdownNow();
        try {
            acceptor.join(1000);
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.warn("Could not delete the egress socket {}: {}", socketPath, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                LOG.warn("Egress proxy on {} could not accept a connection: {}", socketPath, e.toString());
                sleepBriefly(); // e.g. out of file descriptors: retry rather than stop serving
                continue;
            }
            boolean permitted = connectionPermits.tryAcquire();
            ProxyConnection connection = new ProxyConnection(this, client, permitted);
            open.add(connection);
            if (closed.get()) {
                connection.close();
                continue;
            }
            try {
                pool.execute(connection);
            } catch (RejectedExecutionException e) {
                record("", 0, false, CONNECTION_LIMIT);
                connection.refuseWithoutReading(CONNECTION_LIMIT);
            }
        }
    }

    // ---- services for ProxyConnection --------------------------------------------------------------------

    DestinationCheck check() {
        return check;
    }

    NetworkPolicy policy() {
        return policy;
    }

    EgressOptions options() {
        return options;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Runs the second direction of an admitted connection: on the pool, or, when connections still reading
     * their request heads hold every worker, on a thread of its own (at most one per admitted connection,
     * so {@code maxConnections} in all). False only once the proxy is closed.
     */
    boolean executeSecondDirection(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            if (closed.get()) {
                return false;
            }
            tunnelThreads.newThread(task).start();
            return true;
        }
    }

    /** Whether the byte budget still has room. */
    boolean bytesLeft() {
        return bytesUsed.get() < policy.maxBytes();
    }

    /** Takes up to {@code wanted} bytes from the budget and returns how many were granted. */
    long grantBytes(long wanted) {
        while (true) {
            long used = bytesUsed.get();
            long granted = Math.min(wanted, policy.maxBytes() - used);
            if (granted <= 0) {
                return 0;
            }
            if (bytesUsed.compareAndSet(used, used + granted)) {
                return granted;
            }
        }
    }

    /** Called once by a connection when it has closed. */
    void finished(ProxyConnection connection, boolean permitted) {
        open.remove(connection);
        if (permitted) {
            connectionPermits.release();
        }
    }

    /** Number of decisions made after the first {@value #MAX_DECISIONS}, which are counted but not kept. */
    public long decisionsDropped() {
        return decisionsDropped.get();
    }

    void record(String host, int port, boolean allowed, String reason) {
        String shown = options.redactor().redact(printable(host));
        if (decisionCount.incrementAndGet() > MAX_DECISIONS) {
            if (decisionsDropped.incrementAndGet() == 1) {
                LOG.warn(
                        "Egress proxy on {} made more than {} decisions; further ones are counted, not kept or logged",
                        socketPath,
                        MAX_DECISIONS);
            }
            return;
        }
        decisions.add(new NetworkDecision(Instant.now(), shown, port, allowed, reason));
        LOG.info("Egress {} {}:{} ({})", allowed ? "allowed" : "refused", shown, port, reason);
    }

    /** The host as asked for, made safe for logs: printable ASCII only, at most 255 characters. */
    private static String printable(String host) {
        StringBuilder b = new StringBuilder(Math.min(host.length(), 255));
        for (int i = 0; i < host.length() && i < 255; i++) {
            char c = host.charAt(i);
            b.append(c >= 0x21 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ensurePrivateDirectory(Path dir) throws IOException {
        if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return;
        }
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) {
            throw new IOException(dir + " is not a directory (symbolic links are not accepted)");
        }
        for (PosixFilePermission p : attrs.permissions()) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IOException(dir + " is not private (mode "
                        + PosixFilePermissions.toString(attrs.permissions()) + "); it must be 0700");
            }
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
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
