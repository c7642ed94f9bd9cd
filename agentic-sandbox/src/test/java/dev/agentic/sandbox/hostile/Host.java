package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.sandbox.internal.ProcTree;
import dev.agentic.sandbox.internal.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Host-side observations for hostile tests: the process table, canaries, a loopback server. */
final class Host {
    /** Set by surefire (see the module pom) in the launching JVM's environment only. */
    static final String ENV_CANARY = "host-env-canary-7d1e52a9";

    private static LocalSandbox sandbox;
    private static Path scratch;

    private Host() {}

    /** One sandbox shared by the hostile tests of this JVM (closed by the JVM's exit). */
    static synchronized LocalSandbox sandbox() {
        if (sandbox == null) {
            try {
                // Under target/ so that a JVM ending without running shutdown hooks leaves nothing in /tmp.
                Path target = Files.createDirectories(Path.of("target", "hostile-scratch"));
                scratch = Files.createTempDirectory(target.toAbsolutePath(), "run-root-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sandbox = LocalSandbox.builder().scratchRoot(scratch).build();
            LocalSandbox created = sandbox;
            Path root = scratch;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                created.close();
                RunDirectory.deleteTree(root);
            }));
        }
        return sandbox;
    }

    private static LocalSandbox pooled;

    /**
     * A second shared sandbox with a pool of two pre-started interpreters for requests with {@code limits}
     * (closed by the JVM's exit); its scratch root lies beside the shared sandbox's.
     */
    static synchronized LocalSandbox pooledSandbox(ExecutionLimits limits) {
        if (pooled == null) {
            Path root;
            try {
                Path target = Files.createDirectories(Path.of("target", "hostile-scratch"));
                root = Files.createTempDirectory(target.toAbsolutePath(), "pooled-root-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pooled = LocalSandbox.builder()
                    .scratchRoot(root)
                    .interpreterPool(2)
                    .prestartLimits(limits)
                    .build();
            LocalSandbox created = pooled;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                created.close();
                RunDirectory.deleteTree(root);
            }));
        }
        return pooled;
    }

    /**
     * Asserts that no process of any run of the shared sandbox is left on the host: every sandbox process
     * carries its run directory, under this JVM's private scratch root, in its command line.
     */
    static void assertNoRunLeft() {
        sandbox();
        assertNoProcessLeft(scratch.toString());
    }

    /** The shared sandbox's private scratch root on the host (run directories are created under it). */
    static Path scratchRoot() {
        sandbox();
        return scratch;
    }

    /** Asserts that every run of the shared sandbox removed its host directory ({@code run-*} under the root). */
    static void assertNoRunDirectoryLeft() {
        try (Stream<Path> s = Files.list(scratchRoot())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-")))
                    .as("run directories left in " + scratch)
                    .isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExecutionRequest.Builder python(String source) {
        return ExecutionRequest.builder()
                .code(Code.python(source))
                .limits(l -> l.wallTime(Duration.ofSeconds(10)).cpuTime(Duration.ofSeconds(5)));
    }

    /** Asserts that no host process's command line contains {@code marker} (polls briefly for teardown). */
    static void assertNoProcessLeft(String marker) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!ProcTree.withCommandLineContaining(marker).isEmpty() && System.nanoTime() < until) {
            sleep(20);
        }
        assertThat(ProcTree.withCommandLineContaining(marker))
                .as("host processes containing " + marker)
                .isEmpty();
    }

    /**
     * Test hygiene after a failed containment check: SIGKILLs each process whose command line contains
     * {@code marker} together with its ancestors of the same owner (up to, not including, pid 1 and this JVM),
     * so a surviving sandbox's init takes its whole pid namespace with it.
     */
    static void killLeftovers(String marker) {
        for (long pid : ProcTree.withCommandLineContaining(marker)) {
            ProcessHandle.of(pid).ifPresent(p -> {
                ProcessHandle top = p;
                var owner = p.info().user();
                for (var up = p.parent();
                        up.isPresent()
                                && up.get().pid() > 1
                                && up.get().pid() != ProcessHandle.current().pid()
                                && up.get().info().user().equals(owner);
                        up = up.get().parent()) {
                    top = up.get();
                }
                top.destroyForcibly();
                p.destroyForcibly();
            });
        }
    }

    /** The host answers: a fresh JVM-side process runs and the loopback stack works. */
    static void assertHostResponsive() {
        try {
            Process p = new ProcessBuilder("/bin/true").start();
            assertThat(p.waitFor(5, TimeUnit.SECONDS))
                    .as("host can still start processes")
                    .isTrue();
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    Socket c = new Socket(InetAddress.getLoopbackAddress(), s.getLocalPort())) {
                assertThat(c.isConnected()).isTrue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A canary file outside the sandbox with known content. */
    static Path canary(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "canary-" + name, StandardCharsets.UTF_8);
        return p;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A TCP server on host loopback counting the connections it accepts. */
    static final class LoopbackServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread thread;

        LoopbackServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            thread = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try (Socket s = socket.accept()) {
                                accepted.incrementAndGet();
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "loopback-canary");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * A TCP server on host loopback that counts the connections it accepts and the bytes it receives, and
     * holds every connection open until the peer closes it (so a proxy tunnel to it stays established).
     */
    static final class SinkServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicLong received = new AtomicLong();

        SinkServer() throws IOException {
            socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                Socket s = socket.accept();
                                accepted.incrementAndGet();
                                Thread reader = new Thread(() -> drain(s), "sink-reader");
                                reader.setDaemon(true);
                                reader.start();
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "sink-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void drain(Socket s) {
            byte[] buf = new byte[16 * 1024];
            try (s) {
                int n;
                while ((n = s.getInputStream().read(buf)) >= 0) {
                    received.addAndGet(n);
                }
            } catch (IOException e) {
                // the peer or the proxy cut the connection
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        long received() {
            return received.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
