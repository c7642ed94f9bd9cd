package dev.agentic.sandbox.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class EgressProxyTest {
    @TempDir
    Path dir;

    private EchoServer echo;
    private EgressProxy proxy;
    private final AtomicInteger lookups = new AtomicInteger();
    private final EgressOptions.Resolver countingResolver = host -> {
        lookups.incrementAndGet();
        return InetAddress.getAllByName(host);
    };

    @BeforeEach
    void startEcho() throws Exception {
        echo = new EchoServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        echo.close();
    }

    private String echoTarget() {
        return "127.0.0.1:" + echo.port();
    }

    /** A proxy whose policy lists the echo server and whose options opt that exact literal in as loopback. */
    private EgressProxy optedInProxy(NetworkPolicy.Builder policy) {
        NetworkPolicy p = policy.allowHost(echoTarget()).build();
        return EgressProxy.start(
                dir.resolve("egress.sock"),
                p,
                EgressOptions.builder()
                        .allowLoopbackHosts(Set.of(HostPort.parse(echoTarget())))
                        .resolver(countingResolver)
                        .build());
    }

    private EgressProxy proxy(NetworkPolicy policy) {
        return EgressProxy.start(
                dir.resolve("egress.sock"),
                policy,
                EgressOptions.builder().resolver(countingResolver).build());
    }

    @Test
    void connectTunnelsBytesBothWaysToAnOptedInLoopbackHost() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder());
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(r.head()).startsWith("HTTP/1.1 200 Connection established\r\n");
            r.client().write("ping through the tunnel".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(r.client().read(23), StandardCharsets.UTF_8)).isEqualTo("ping through the tunnel");
        }
        assertThat(proxy.decisions()).singleElement().satisfies(d -> {
            assertThat(d.host()).isEqualTo("127.0.0.1");
            assertThat(d.port()).isEqualTo(echo.port());
            assertThat(d.allowed()).isTrue();
            assertThat(d.reason()).isEqualTo(DestinationCheck.ALLOWED_LOOPBACK);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host: evil.test", "Host: 127.0.0.1:1", "Host: evil.test\r\nHost: 127.0.0.1:PORT"})
    void plainHttpRequestWhoseHostHeaderNamesAnotherDestinationIsRefusedBeforeAnyConnection(String hostHeader)
            throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder());
        String head = "GET http://" + echoTarget() + "/x HTTP/1.1\r\n"
                + hostHeader.replace("PORT", Integer.toString(echo.port())) + "\r\n\r\n";
        try (UdsClient c = UdsClient.connect(proxy.socketPath())) {
            UdsClient.Response r = c.request(head);
            assertThat(r.status()).isEqualTo(400);
        }
        assertThat(echo.accepted.get()).isZero();
    }

    @Test
    void plainHttpRequestForwardsItsBodyButNeverAPipelinedSecondRequest() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder());
        String first = "POST http://" + echoTarget() + "/a HTTP/1.1\r\nHost: " + echoTarget()
                + "\r\nContent-Length: 4\r\n\r\nbody";
        String second = "GET http://evil.test/steal HTTP/1.1\r\nHost: evil.test\r\n\r\n";
        String forwarded = "POST /a HTTP/1.1\r\nHost: " + echoTarget() + "\r\nContent-Length: 4\r\n"
                + "Connection: close\r\n\r\nbody";
        try (UdsClient c = UdsClient.connect(proxy.socketPath())) {
            c.write((first + second).getBytes(StandardCharsets.ISO_8859_1));
            // the echo server returns exactly what reached it
            String echoed = new String(c.read(forwarded.length()), StandardCharsets.ISO_8859_1);
            assertThat(echoed).isEqualTo(forwarded);
            // the second request was in the proxy's buffer together with the first: it would follow at once
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                assertThat(echo.received.get())
                        .as("bytes that reached the server")
                        .isEqualTo(forwarded.length());
                Thread.sleep(10);
            }
        }
        assertThat(proxy.decisions())
                .singleElement()
                .satisfies(d -> assertThat(d.allowed()).isTrue());
    }

    @Test
    void plainHttpRequestWithAChunkedBodyIsRefused() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder());
        try (UdsClient c = UdsClient.connect(proxy.socketPath())) {
            UdsClient.Response r = c.request("POST http://" + echoTarget() + "/ HTTP/1.1\r\nHost: " + echoTarget()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertThat(r.status()).isEqualTo(400);
        }
        assertThat(echo.accepted.get()).isZero();
    }

    @Test
    void listedLoopbackLiteralWithoutTheOptInIsRefusedAndNothingReachesTheServer() throws Exception {
        proxy = proxy(NetworkPolicy.allow(echoTarget()));
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.proxyError()).isEqualTo(HostRules.IP_LITERAL);
        }
        assertThat(echo.accepted).hasValue(0);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void unlistedHostIsRefusedBeforeAnyDnsLookup() throws Exception {
        proxy = proxy(NetworkPolicy.allow("api.example.com"));
        long start = System.nanoTime();
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), "secret-data.not-allowed.invalid:443")) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.proxyError()).isEqualTo(DestinationCheck.NOT_LISTED);
            assertThat(millis).isLessThan(500);
        }
        assertThat(lookups).as("DNS lookups").hasValue(0);
        assertThat(proxy.decisions())
                .singleElement()
                .extracting(NetworkDecision::host, NetworkDecision::allowed, NetworkDecision::reason)
                .containsExactly("secret-data.not-allowed.invalid", false, "host not in allowlist");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1:443",
                "2130706433:443",
                "0x7f000001:443",
                "0x7f.1:443",
                "0177.0.0.1:443",
                "127.1:443",
                "[::1]:443",
                "[::ffff:127.0.0.1]:443",
                "[0:0:0:0:0:0:0:1]:443",
                "[fe80::1%25lo]:443",
                "169.254.169.254:80",
                "0.0.0.0:443",
                "[fd00:ec2::254]:80",
                "::1:443"
            })
    void ipLiteralsInEveryEncodingAreRefusedEvenWhenListed(String target) throws Exception {
        proxy = proxy(NetworkPolicy.builder()
                .allowHost("127.0.0.1")
                .allowHost("2130706433")
                .allowHost("0x7f.1")
                .allowHost("0177.0.0.1")
                .allowHost("127.1")
                .allowHost("169.254.169.254")
                .allowHost("0.0.0.0")
                .allowHost(HostPort.of("::1", 0))
                .build());
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), target)) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.proxyError()).isEqualTo(HostRules.IP_LITERAL);
        }
        assertThat(lookups).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "api.localhost"})
    void localhostIsRefusedEvenWhenListed(String host) throws Exception {
        proxy = proxy(NetworkPolicy.allow("localhost", "api.localhost"));
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), host + ":443")) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.proxyError()).isEqualTo(HostRules.LOCALHOST);
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void listedHostOnAnUnlistedPortIsRefusedWithoutDns() throws Exception {
        proxy = proxy(NetworkPolicy.allow("api.example.com", "db.example.com:5432"));
        for (String target : List.of("api.example.com:22", "api.example.com:25", "db.example.com:443")) {
            try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), target)) {
                assertThat(r.status()).as(target).isEqualTo(403);
                assertThat(r.proxyError()).as(target).isEqualTo(DestinationCheck.PORT_NOT_LISTED);
            }
        }
        assertThat(lookups).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1|loopback",
                "10.1.2.3|private",
                "192.168.0.10|private",
                "100.64.1.1|shared (CGNAT)",
                "169.254.169.254|link-local",
                "0.0.0.0|unspecified",
                "224.0.0.251|multicast",
                "fd00:ec2::254|private",
                "fe80::1|link-local",
                "::1|loopback",
                "::ffff:10.0.0.1|private",
                "8.8.8.8,10.0.0.1|private",
                "2606:4700::1111,::ffff:127.0.0.1|loopback"
            })
    void listedNameThatResolvesToANonPublicAddressIsRefused(String spec) throws Exception {
        String[] parts = spec.split("\\|");
        AtomicInteger calls = new AtomicInteger();
        EgressOptions.Resolver rebinding = host -> {
            calls.incrementAndGet();
            String[] literals = parts[0].split(",");
            InetAddress[] out = new InetAddress[literals.length];
            for (int i = 0; i < literals.length; i++) {
                out[i] = InetAddress.getByAddress(
                        host, InetAddress.getByName(literals[i]).getAddress());
            }
            return out;
        };
        proxy = EgressProxy.start(
                dir.resolve("egress.sock"),
                NetworkPolicy.allow("rebind.example.com"),
                EgressOptions.builder().resolver(rebinding).build());
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), "rebind.example.com:443")) {
            assertThat(r.status()).isEqualTo(403);
            String article = parts[1].startsWith("u") ? "an " : "a ";
            assertThat(r.proxyError()).isEqualTo("resolves to " + article + parts[1] + " address");
        }
        assertThat(calls).as("resolved exactly once").hasValue(1);
    }

    @Test
    void listedNameFromTheHostsFileThatMeansLoopbackIsRefused() throws Exception {
        String name = hostsFileLoopbackName();
        Assumptions.assumeTrue(name != null, "no loopback alias in /etc/hosts");
        proxy = proxy(NetworkPolicy.allow(name + ":" + echo.port()));
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), name + ":" + echo.port())) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.proxyError()).isEqualTo("resolves to a loopback address");
        }
        assertThat(echo.accepted).hasValue(0);
    }

    private static String hostsFileLoopbackName() throws Exception {
        for (String line : Files.readAllLines(Path.of("/etc/hosts"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].startsWith("127.") && !f[1].contains("localhost") && f[1].indexOf('.') < 0) {
                return f[1];
            }
        }
        return null;
    }

    @Test
    void byteCapCutsTheTunnelAndRefusesLaterConnections() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder().maxBytes(1000));
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(r.status()).isEqualTo(200);
            r.client().write(new byte[600]); // 600 up, then only 400 of the 600 echoed bytes fit the cap
            assertThat(r.client().readToEnd()).hasSize(400);
        }
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.proxyError()).isEqualTo(EgressProxy.BYTE_LIMIT);
        }
        assertThat(proxy.decisions())
                .extracting(NetworkDecision::allowed, NetworkDecision::reason)
                .containsExactly(
                        Tuple.tuple(true, DestinationCheck.ALLOWED_LOOPBACK),
                        Tuple.tuple(false, EgressProxy.BYTE_LIMIT),
                        Tuple.tuple(false, EgressProxy.BYTE_LIMIT));
    }

    @Test
    void connectionCapRefusesTheExtraConnectionAndFreesTheSlotOnClose() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder().maxConnections(1));
        try (UdsClient.Response first = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(first.status()).isEqualTo(200);
            try (UdsClient.Response extra = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
                assertThat(extra.status()).isEqualTo(403);
                assertThat(extra.proxyError()).isEqualTo(EgressProxy.CONNECTION_LIMIT);
            }
        }
        int status = 0;
        for (int i = 0; i < 100 && status != 200; i++) { // the slot is released asynchronously
            try (UdsClient.Response again = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
                status = again.status();
            }
            Thread.sleep(status == 200 ? 0 : 20);
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void connectionsBeyondEveryWorkerAreAnswered403WithoutAThread() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder().maxConnections(1));
        List<UdsClient> idle = new ArrayList<>();
        try (UdsClient.Response tunnel = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(tunnel.status()).isEqualTo(200); // holds two workers; the spare ones go to idle clients
            for (int i = 0; i < 12; i++) {
                idle.add(UdsClient.connect(proxy.socketPath())); // never sends a request head
            }
            String head = new String(idle.get(11).readToEnd(), StandardCharsets.ISO_8859_1);
            assertThat(head)
                    .startsWith("HTTP/1.1 403 Forbidden\r\n")
                    .contains("X-Proxy-Error: connection limit reached");
        } finally {
            for (UdsClient c : idle) {
                c.close();
            }
        }
    }

    @Test
    void anAdmittedTunnelStillGetsItsSecondDirectionWhenIdleClientsHoldEveryWorker() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder().maxConnections(1));
        List<UdsClient> idle = new ArrayList<>();
        try (UdsClient first = UdsClient.connect(proxy.socketPath())) { // holds the only slot, asks later
            for (int i = 0; i < 10; i++) {
                idle.add(UdsClient.connect(proxy.socketPath())); // 9 take the other workers, the last finds none
            }
            String refused = new String(idle.get(9).readToEnd(), StandardCharsets.ISO_8859_1);
            assertThat(refused).contains("X-Proxy-Error: connection limit reached"); // every worker is busy now

            UdsClient.Response r = first.request("CONNECT " + echoTarget() + " HTTP/1.1\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            first.write("still tunnelled".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(first.read(15), StandardCharsets.UTF_8)).isEqualTo("still tunnelled");
        } finally {
            for (UdsClient c : idle) {
                c.close();
            }
        }
    }

    @Test
    void connectionTimeCapClosesAnIdleTunnel() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder().maxConnectionTime(Duration.ofMillis(300)));
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(r.status()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(r.client().readToEnd()).isEmpty();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(100L, 5000L);
        }
        assertThat(proxy.decisions()).last().extracting(NetworkDecision::reason).isEqualTo(EgressProxy.TIME_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello\r\n\r\n",
                "GET\r\n\r\n",
                "CONNECT example.com HTTP/1.1\r\n\r\n",
                "CONNECT example.com:99999 HTTP/1.1\r\n\r\n",
                "CONNECT example.com:443 HTTP/2\r\n\r\n",
                "GET https://example.com/ HTTP/1.1\r\n\r\n",
                "GET http://user@example.com/ HTTP/1.1\r\n\r\n",
                "CONNECT example.com:443 HTTP/1.1\r\nno colon here\r\n\r\n",
                "\u0016\u0003\u0001\u0000\u00a5\n\n"
            })
    void garbageRequestsGet400(String head) throws Exception {
        proxy = proxy(NetworkPolicy.allow("example.com"));
        try (UdsClient c = UdsClient.connect(proxy.socketPath())) {
            UdsClient.Response r = c.request(head);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.proxyError()).isNotBlank();
        }
        assertThat(lookups).hasValue(0);
        assertThat(proxy.decisions())
                .singleElement()
                .extracting(NetworkDecision::reason)
                .isEqualTo("malformed request");
    }

    @Test
    void originFormRequestGets405AndOversizedHeadGets431() throws Exception {
        proxy = proxy(NetworkPolicy.allow("example.com"));
        try (UdsClient c = UdsClient.connect(proxy.socketPath())) {
            assertThat(c.request("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n")
                            .status())
                    .isEqualTo(405);
        }
        try (UdsClient c = UdsClient.connect(proxy.socketPath())) {
            String huge =
                    "CONNECT example.com:443 HTTP/1.1\r\nX-Pad: " + "a".repeat(EgressProxy.MAX_HEAD_BYTES) + "\r\n\r\n";
            assertThat(c.request(huge).status()).isEqualTo(431);
        }
    }

    @Test
    void closeEndsOpenTunnelsDeletesTheSocketAndIsIdempotent() throws Exception {
        proxy = optedInProxy(NetworkPolicy.builder());
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), echoTarget())) {
            assertThat(r.status()).isEqualTo(200);
            proxy.close();
            assertThat(r.client().readToEnd()).isEmpty();
        }
        proxy.close();
        assertThat(proxy.socketPath()).doesNotExist();
    }

    @Test
    void socketIsPrivateAndANonPrivateDirectoryIsRejected() throws Exception {
        proxy = proxy(NetworkPolicy.allow("example.com"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(proxy.socketPath())))
                .isEqualTo("rw-------");
        Path shared = Files.createDirectory(
                dir.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> EgressProxy.start(shared.resolve("e.sock"), NetworkPolicy.allow("example.com")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("not private");
        try (EgressProxy fresh = EgressProxy.start(dir.resolve("fresh").resolve("e.sock"), NetworkPolicy.none())) {
            Path parent = fresh.socketPath().getParent();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parent)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aFloodOfRequestsKeepsOnlyTheFirstDecisionsAndCountsTheRest() throws Exception {
        proxy = proxy(NetworkPolicy.allow("example.com"));
        int attempts = EgressProxy.MAX_DECISIONS + 5;
        for (int i = 0; i < attempts; i++) {
            try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), "flood" + i + ".invalid:443")) {
                assertThat(r.status()).isEqualTo(403);
            }
        }
        assertThat(proxy.decisions())
                .hasSize(EgressProxy.MAX_DECISIONS)
                .first()
                .extracting(NetworkDecision::host)
                .isEqualTo("flood0.invalid");
        assertThat(proxy.decisionsDropped()).isEqualTo(5);
    }

    @Test
    void resolverFailureIsRefusedAsUnresolvable() throws Exception {
        proxy = EgressProxy.start(
                dir.resolve("egress.sock"),
                NetworkPolicy.allow("gone.example.com"),
                EgressOptions.builder()
                        .resolver(h -> {
                            throw new UnknownHostException(h);
                        })
                        .build());
        try (UdsClient.Response r = UdsClient.connectTo(proxy.socketPath(), "gone.example.com:443")) {
            assertThat(r.proxyError()).isEqualTo(DestinationCheck.NO_ADDRESS);
        }
    }
}
