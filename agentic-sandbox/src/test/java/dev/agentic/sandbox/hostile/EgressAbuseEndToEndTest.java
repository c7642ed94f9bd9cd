package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.sandbox.internal.RunDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalogue E47, E48 and E52 end to end: a real program inside the real sandbox talks to the egress proxy
 * (through the forwarder at {@code HTTPS_PROXY}, or straight to the mounted socket) and tries to reach a
 * server on the host's loopback. The sandbox opts that server's exact {@code 127.0.0.1:port} in, so every
 * refusal below is the proxy's own rule and not a missing route.
 */
class EgressAbuseEndToEndTest {
    /** Shared by the programs: {@code ask(host, port, request)} returns the proxy's status line and reason. */
    private static final String CLIENT = "import os, socket, sys\n"
            + "PROXY = os.environ['HTTPS_PROXY'].rsplit('/', 1)[-1].rsplit(':', 1)\n"
            + "def head(s):\n"
            + "    data = b''\n"
            + "    while b'\\r\\n\\r\\n' not in data:\n"
            + "        try:\n            chunk = s.recv(4096)\n"
            + "        except OSError:\n            break\n"
            + "        if not chunk:\n            break\n"
            + "        data += chunk\n"
            + "    lines = data.decode('latin-1').split('\\r\\n')\n"
            + "    reason = [l.split(':', 1)[1].strip() for l in lines if l.lower().startswith('x-proxy-error:')]\n"
            + "    return (lines[0].split(' ')[1] if ' ' in lines[0] else 'closed') + ' ' + (reason[0] if reason else '-')\n"
            + "def send(s, data):\n"
            + "    try:\n        s.sendall(data)\n"
            + "    except OSError:\n        pass  # refused before reading: the answer is already queued\n"
            + "def forwarder():\n"
            + "    return socket.create_connection((PROXY[0], int(PROXY[1])), timeout=10)\n"
            + "def direct():\n"
            + "    s = socket.socket(socket.AF_UNIX)\n    s.connect('/run/egress.sock')  # blocking: waits for the backlog\n"
            + "    s.settimeout(10)\n    return s\n";

    private static Host.SinkServer server;
    private static LocalSandbox sandbox;
    private static Path scratch;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        server = new Host.SinkServer();
        port = server.port();
        // In the system temp directory: the proxy's socket path must stay within 107 bytes.
        scratch = Files.createTempDirectory("agentic-egress-");
        sandbox = LocalSandbox.builder()
                .scratchRoot(scratch)
                .allowLoopbackHosts("127.0.0.1:" + port)
                .build();
    }

    @AfterAll
    static void stop() throws IOException {
        sandbox.close();
        server.close();
        RunDirectory.deleteTree(scratch);
    }

    private static ExecutionResult run(String source, NetworkPolicy policy) {
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(Code.python(CLIENT + source))
                .network(policy)
                .limits(l -> l.wallTime(Duration.ofSeconds(30)).cpuTime(Duration.ofSeconds(20)))
                .build());
        Host.assertNoProcessLeft(scratch.toString());
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-")))
                    .as("run directories left behind")
                    .isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return r;
    }

    @Test
    void everyEncodingOfTheAllowedLoopbackAddressIsRefusedBeforeAnyLookup() {
        // E47: only the exact opted-in spelling reaches the host server; every other spelling of 127.0.0.1
        // (and of the host's other local addresses) is an IP literal or localhost, refused before DNS.
        List<String> encodings = List.of(
                "2130706433",
                "0x7f000001",
                "0X7F000001",
                "0177.0.0.1",
                "0177.0000.0000.0001",
                "127.1",
                "127.0.1",
                "0x7f.1",
                "017700000001",
                "127.000.000.001",
                "127.0.0.2",
                "0.0.0.0",
                "0",
                "[::1]",
                "[::ffff:127.0.0.1]",
                "[::ffff:7f00:1]",
                "[0:0:0:0:0:ffff:7f00:1]",
                "[::127.0.0.1]",
                "[fe80::1%25lo]",
                "[::1%251]",
                "localhost",
                "LOCALHOST",
                "localhost.",
                "api.localhost");
        int before = server.accepted();
        String program = "targets = " + toPython(encodings) + "\n"
                + "def connect(t):\n    s = forwarder()\n"
                + "    s.sendall(f'CONNECT {t}:" + port + " HTTP/1.1\\r\\nHost: {t}:" + port
                + "\\r\\n\\r\\n'.encode())\n"
                + "    print('CONNECT', t, head(s), flush=True)\n    s.close()\n"
                + "def get(t):\n    s = forwarder()\n"
                + "    s.sendall(f'GET http://{t}:" + port + "/ HTTP/1.1\\r\\nHost: {t}:" + port
                + "\\r\\n\\r\\n'.encode())\n"
                + "    print('GET', t, head(s), flush=True)\n    s.close()\n"
                + "connect('127.0.0.1')\n"
                + "for t in targets:\n    connect(t)\n"
                + "for t in ['2130706433', '0x7f.1', '[::ffff:127.0.0.1]', 'localhost']:\n    get(t)\n";
        ExecutionResult r = run(program, NetworkPolicy.allow("127.0.0.1:" + port));

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).first().isEqualTo("CONNECT 127.0.0.1 200 -");
        assertThat(lines).hasSize(1 + encodings.size() + 4);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line).as(line).matches("(CONNECT|GET) \\S+ 403 (IP literal not allowed|localhost not allowed)");
        }
        assertThat(server.accepted()).as("connections the host server accepted").isEqualTo(before + 1);
        assertThat(r.output().network()).hasSize(lines.size());
        assertThat(r.output().network())
                .filteredOn(NetworkDecision::allowed)
                .singleElement()
                .satisfies(d -> assertThat(d.host()).isEqualTo("127.0.0.1"));
    }

    @Test
    void anAllowlistedNameThatResolvesToLoopbackIsRefusedAfterTheLookup() throws IOException {
        // E48 (the part this host can show without a controllable resolver): the host's own name is listed in
        // its hosts file with a loopback address; allowlisting it must not open a path to the host.
        String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        InetAddress[] addresses = InetAddress.getAllByName(name);
        assumeThat(name).matches("[a-z0-9][a-z0-9.-]*[a-z-][a-z0-9-]*").isNotEqualTo("localhost");
        assumeThat(Arrays.stream(addresses)
                        .allMatch(a -> a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()))
                .as(name + " resolves to non-public addresses only")
                .isTrue();
        int before = server.accepted();
        ExecutionResult r = run(
                "s = forwarder()\n" + "s.sendall(b'CONNECT " + name + ":" + port
                        + " HTTP/1.1\\r\\n\\r\\n')\nprint(head(s))\n",
                NetworkPolicy.allow(name + ":" + port, "127.0.0.1:" + port));

        assertThat(r.stdout().strip()).matches("403 resolves to a (loopback|private|link-local) address");
        assertThat(server.accepted()).isEqualTo(before);
        assertThat(r.output().network()).singleElement().satisfies(d -> {
            assertThat(d.allowed()).isFalse();
            assertThat(d.host()).isEqualTo(name);
        });
    }

    @Test
    void aFloodOfConcurrentConnectsGetsOnlyAsManyTunnelsAsTheCap() {
        // E52: 150 connections straight to the proxy socket, all asking for the allowed server at once.
        int before = server.accepted();
        ExecutionResult r = run(
                "socks = [direct() for _ in range(150)]\n"
                        + "for s in socks:\n    send(s, b'CONNECT 127.0.0.1:" + port + " HTTP/1.1\\r\\n\\r\\n')\n"
                        + "answers = [head(s) for s in socks]\n"
                        + "for a in sorted(set(answers)):\n    print(answers.count(a), a)\n",
                NetworkPolicy.builder()
                        .allowHost("127.0.0.1:" + port)
                        .maxConnections(4)
                        .build());

        assertThat(r.stdout()).as(r.stderr()).isEqualTo("4 200 -\n146 403 connection limit reached\n");
        assertThat(server.accepted()).isEqualTo(before + 4);
        assertThat(r.output().network()).hasSize(150);
        assertThat(r.output().network()).filteredOn(NetworkDecision::allowed).hasSize(4);
        assertThat(r.output().network())
                .filteredOn(d -> !d.allowed())
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo("connection limit reached"));
    }

    @Test
    void slowRequestHeadsAreCutAndDoNotHoldTheConnectionCap() {
        // E52 slowloris: two unfinished heads hold both slots until the head timeout (here the 2 s connection
        // time), then a complete request gets a tunnel.
        int before = server.accepted();
        ExecutionResult r = run(
                "import time\n"
                        + "slow = [direct() for _ in range(2)]\n"
                        + "for s in slow:\n    s.sendall(b'CONNECT 127.0.0.1:" + port + " HTTP/1.1\\r\\n')\n"
                        + "time.sleep(0.3)\nthird = direct()\n"
                        + "third.sendall(b'CONNECT 127.0.0.1:" + port + " HTTP/1.1\\r\\n\\r\\n')\n"
                        + "print('while slow:', head(third))\n"
                        + "start = time.monotonic()\n"
                        + "for s in slow:\n    print('slow head:', head(s))\n"
                        + "print('cut after', round(time.monotonic() - start))\n"
                        + "late = direct()\nlate.sendall(b'CONNECT 127.0.0.1:" + port + " HTTP/1.1\\r\\n\\r\\n')\n"
                        + "print('afterwards:', head(late))\n",
                NetworkPolicy.builder()
                        .allowHost("127.0.0.1:" + port)
                        .maxConnections(2)
                        .maxConnectionTime(Duration.ofSeconds(2))
                        .build());

        assertThat(r.stdout())
                .contains("while slow: 403 connection limit reached")
                .contains("slow head: closed -")
                .containsPattern("cut after [12]\n")
                .contains("afterwards: 200 -");
        assertThat(server.accepted()).isEqualTo(before + 1);
        assertThat(r.output().network())
                .extracting(NetworkDecision::reason)
                .containsExactly(
                        "connection limit reached",
                        "request head timeout",
                        "request head timeout",
                        "allowlisted (loopback opt-in for development)");
    }

    @Test
    void aHugeUploadIsCutAtTheByteBudget() {
        // E52: 4 MiB pushed through an allowed tunnel; the proxy forwards at most the run's byte budget.
        long budget = 256 * 1024;
        long before = server.received();
        ExecutionResult r = run(
                "s = forwarder()\n"
                        + "s.sendall(b'CONNECT 127.0.0.1:" + port
                        + " HTTP/1.1\\r\\n\\r\\n')\nprint(head(s), flush=True)\n"
                        + "sent = 0\nchunk = b'u' * 65536\n"
                        + "try:\n    while sent < 4 << 20:\n        s.sendall(chunk)\n        sent += len(chunk)\n"
                        + "    s.shutdown(socket.SHUT_WR)\n    s.recv(1)\n"
                        + "except OSError as e:\n    print('upload cut:', type(e).__name__)\n"
                        + "print('sent', sent)\n",
                NetworkPolicy.builder()
                        .allowHost("127.0.0.1:" + port)
                        .maxBytes(budget)
                        .build());

        assertThat(r.stdout()).startsWith("200 -\n");
        Host.sleep(200); // the host server's reader may still be counting the last chunk
        assertThat(server.received() - before).isPositive().isLessThanOrEqualTo(budget);
        assertThat(r.output().network())
                .extracting(NetworkDecision::allowed, NetworkDecision::reason)
                .containsExactly(
                        Tuple.tuple(true, "allowlisted (loopback opt-in for development)"),
                        Tuple.tuple(false, "byte limit reached"));
    }

    @Test
    void thousandsOfRefusedRequestsKeepOnlyTheFirstThousandDecisions() {
        // E52: a request flood cannot grow the host's decision log without bound.
        ExecutionResult r = run(
                "n = 0\n"
                        + "for i in range(1200):\n    s = direct()\n"
                        + "    s.sendall(f'CONNECT x{i}.attacker.test:443 HTTP/1.1\\r\\n\\r\\n'.encode())\n"
                        + "    n += head(s).startswith('403')\n    s.close()\nprint('refused', n)\n",
                NetworkPolicy.allow("api.example.test"));

        assertThat(r.stdout().strip()).isEqualTo("refused 1200");
        assertThat(r.output().network())
                .hasSize(1000)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo("host not in allowlist"));
    }

    private static String toPython(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (String v : values) {
            b.append('\'').append(v).append("', ");
        }
        return b.append(']').toString();
    }
}
