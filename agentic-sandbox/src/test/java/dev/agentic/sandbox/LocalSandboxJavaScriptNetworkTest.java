package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JavaScript programs with a network allowlist go through the per-run egress proxy ({@code NODE_USE_ENV_PROXY}):
 * {@code fetch} and {@code http} reach an allowlisted (opted-in loopback) test server, other hosts are refused
 * with the decision recorded, and without an allowlist nothing leaves the sandbox. Needs Node.js 24.5 or later
 * ({@code -Dagentic.test.node}); skipped otherwise.
 */
class LocalSandboxJavaScriptNetworkTest {
    private static final AtomicInteger HITS = new AtomicInteger();
    private static HttpServer server;
    private static HttpsServer tlsServer;
    private static byte[] tlsCertificate;
    private static LocalSandbox sandbox;
    private static int port;
    private static int tlsPort;

    @BeforeAll
    static void start() throws IOException {
        Path node = TestNode.path();
        Assumptions.assumeTrue(
                TestNode.honoursProxyEnvironment(node),
                "JavaScript egress needs Node.js 24.5+ (NODE_USE_ENV_PROXY); " + node
                        + " is older. Set -Dagentic.test.node=/opt/agentic-node24/bin/node");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            HITS.incrementAndGet();
            byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        port = server.getAddress().getPort();
        startTlsServer();
        sandbox = LocalSandbox.builder()
                .nodeExecutable(node)
                .allowLoopbackHosts("127.0.0.1:" + port, "127.0.0.1:" + tlsPort)
                .build();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (tlsServer != null) {
            tlsServer.stop(0);
        }
    }

    /** An HTTPS server on loopback with a fresh self-signed certificate made by the JDK's keytool. */
    private static void startTlsServer() throws IOException {
        Path dir = Files.createTempDirectory("agentic-js-tls-");
        try {
            Path store = dir.resolve("server.p12");
            Path pem = dir.resolve("server.pem");
            String keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            keytool(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-ext",
                    "BC:c=ca:true",
                    "-validity",
                    "2",
                    "-keystore",
                    store.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    "changeit");
            keytool(
                    keytool,
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    "server",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    "changeit",
                    "-file",
                    pem.toString());
            tlsCertificate = Files.readAllBytes(pem);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            tlsServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            tlsServer.setHttpsConfigurator(new HttpsConfigurator(ssl));
            tlsServer.createContext("/", exchange -> {
                HITS.incrementAndGet();
                byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            tlsServer.start();
            tlsPort = tlsServer.getAddress().getPort();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static void keytool(String... argv) throws IOException {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static ExecutionResult run(String source, NetworkPolicy policy) {
        return sandbox.execute(ExecutionRequest.builder()
                .code(new Code(Language.JAVASCRIPT, source))
                .network(policy)
                .limits(l -> l.wallTime(Duration.ofSeconds(60)))
                .build());
    }

    @Test
    void fetchReachesAnAllowlistedHostThroughTheProxy() {
        int before = HITS.get();
        ExecutionResult r = run(
                "fetch('http://127.0.0.1:" + port + "/f').then(r => r.text()).then(t => console.log(t));",
                NetworkPolicy.allow("127.0.0.1:" + port));

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("hello /f\n");
        assertThat(HITS.get()).isEqualTo(before + 1);
        assertThat(r.output().network()).extracting(NetworkDecision::allowed).containsExactly(true);
    }

    @Test
    void fetchOverHttpsTunnelsThroughTheProxyToAnAllowlistedHost() {
        int before = HITS.get();
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(new Code(
                        Language.JAVASCRIPT,
                        "fetch('https://127.0.0.1:" + tlsPort + "/t').then(r => r.text()).then(t => console.log(t));"))
                .inputFile("ca.pem", tlsCertificate)
                .environment("NODE_EXTRA_CA_CERTS", "/sandbox/ca.pem")
                .network(NetworkPolicy.allow("127.0.0.1:" + tlsPort))
                .limits(l -> l.wallTime(Duration.ofSeconds(60)))
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("hello over tls\n");
        assertThat(HITS.get()).isEqualTo(before + 1);
        assertThat(r.output().network()).extracting(NetworkDecision::allowed).containsExactly(true);
    }

    @Test
    void httpModuleReachesAnAllowlistedHostThroughTheProxy() {
        int before = HITS.get();
        ExecutionResult r = run(
                "require('http').get('http://127.0.0.1:" + port + "/h', res => {\n"
                        + "  let b = ''; res.on('data', d => b += d); res.on('end', () => console.log(res.statusCode, b));\n"
                        + "});",
                NetworkPolicy.allow("127.0.0.1:" + port));

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("200 hello /h\n");
        assertThat(HITS.get()).isEqualTo(before + 1);
    }

    @Test
    void aHostOutsideTheAllowlistIsRefusedAndRecorded() {
        int before = HITS.get();
        ExecutionResult r = run(
                "for (const u of ['http://127.0.0.1:" + port
                        + "/x', 'https://example.org/', 'http://169.254.169.254/']) {\n"
                        + "  fetch(u).then(r => console.log('STATUS', r.status, u), e => console.log('REFUSED', u));\n"
                        + "}",
                NetworkPolicy.allow("api.example.test"));

        assertThat(r.stdout()).doesNotContain("STATUS 200").contains("https://example.org/");
        assertThat(HITS.get()).isEqualTo(before);
        assertThat(r.output().network()).isNotEmpty().noneMatch(NetworkDecision::allowed);
    }

    @Test
    void withoutAnAllowlistNothingLeavesAndNoProxyIsConfigured() {
        int before = HITS.get();
        ExecutionResult r = run(
                "console.log('proxy', process.env.HTTP_PROXY, process.env.NODE_USE_ENV_PROXY);\n"
                        + "fetch('http://127.0.0.1:" + port + "/n').then(() => console.log('OPEN'), e => "
                        + "console.log('REFUSED', e.cause && e.cause.code));",
                NetworkPolicy.none());

        assertThat(r.stdout())
                .contains("proxy undefined undefined")
                .contains("REFUSED")
                .doesNotContain("OPEN");
        assertThat(HITS.get()).isEqualTo(before);
    }
}
