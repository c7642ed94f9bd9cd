package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentic serve} end to end: the printed address, the offline model, a task run in the real sandbox. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL =
            Pattern.compile("open (http://127\\.0\\.0\\.1:(\\d+)/)\\?token=([A-Za-z0-9_-]+)");
    private final HttpClient http = HttpClient.newHttpClient();

    private final class Server implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;
        String base;
        String token;

        Server(String... args) throws InterruptedException {
            thread = new Thread(
                    () -> exit.set(AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args)));
            thread.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < end && thread.isAlive()) {
                Matcher m = URL.matcher(out.toString());
                if (m.find()) {
                    base = m.group(1);
                    token = m.group(3);
                    return;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no address printed; out: " + out + " err: " + err);
        }

        HttpResponse<String> call(String method, String path, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.substring(0, base.length() - 1) + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String method, String path, String body) throws Exception {
            return JSON.readTree(call(method, path, body).body());
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    @Test
    void servesTheOfflineModelAndRunsATaskInTheSandbox(@TempDir Path store) throws Exception {
        try (Server s = new Server("serve", "--port", "0", "--store", store.toString())) {
            assertThat(s.out.toString()).contains("offline-scripted").contains("treat it as a password");
            assertThat(s.call("GET", "/api/info", null).statusCode()).isEqualTo(200);
            JsonNode info = s.json("GET", "/api/info", null);
            assertThat(info.get("model").asText()).isEqualTo("offline-scripted");
            assertThat(info.get("modelNotice").asText()).contains("Scripted offline model");
            String session = s.json("POST", "/api/sessions", null).get("id").asText();
            assertThat(s.call("POST", "/api/sessions/" + session + "/tasks", "{\"task\":\"Draw a chart of squares\"}")
                            .statusCode())
                    .isEqualTo(202);
            JsonNode entries = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < end) {
                entries = s.json("GET", "/api/sessions/" + session + "/history", null)
                        .get("entries");
                if (entries.size() > 0) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(entries).hasSize(1);
            JsonNode entry = s.json(
                    "GET",
                    "/api/sessions/" + session + "/history/"
                            + entries.at("/0/n").asInt(),
                    null);
            assertThat(entry.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(entry.at("/workflow/result/stdout").asText()).contains("wrote chart.png");
            JsonNode file = entry.at("/workflow/result/files/0");
            assertThat(file.get("path").asText()).isEqualTo("chart.png");
            assertThat(file.get("image").asBoolean()).isTrue();
            HttpResponse<String> png = s.call("GET", file.get("url").asText(), null);
            assertThat(png.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
            assertThat(png.body()).startsWith("\uFFFDPNG");
        }
    }

    @Test
    void strictPolicyWithAPythonEnvironmentAllowsItsPackages(@TempDir Path store) throws Exception {
        Path site = TestSitePackages.create();
        String program = JSON.writeValueAsString(
                JSON.createObjectNode().put("code", "import agentic_demo_pkg\nprint(agentic_demo_pkg.greet('web'))\n"));
        try (Server s = new Server(
                "serve",
                "--port",
                "0",
                "--store",
                store.toString(),
                "--policy",
                "strict",
                "--python-env",
                site.toString())) {
            String session = s.json("POST", "/api/sessions", null).get("id").asText();

            JsonNode validation = s.json("POST", "/api/sessions/" + session + "/validate", program);
            JsonNode entry = s.json("POST", "/api/sessions/" + session + "/run", program);

            assertThat(validation.get("valid").asBoolean())
                    .as(validation.toString())
                    .isTrue();
            assertThat(entry.get("status").asText()).as(entry.toString()).isEqualTo("SUCCEEDED");
            assertThat(entry.at("/result/stdout").asText()).isEqualTo("hello, web from agentic_demo_pkg\n");
        }
        try (Server s = new Server("serve", "--port", "0", "--store", store.toString(), "--policy", "strict")) {
            String session = s.json("POST", "/api/sessions", null).get("id").asText();

            JsonNode validation = s.json("POST", "/api/sessions/" + session + "/validate", program);
            JsonNode entry = s.json("POST", "/api/sessions/" + session + "/run", program);

            assertThat(validation.get("valid").asBoolean()).isFalse();
            assertThat(entry.get("status").asText()).isEqualTo("REJECTED");
        }
    }

    @Test
    void warnsWhenListeningBeyondLoopback(@TempDir Path store) throws Exception {
        try (Server s = new Server("serve", "--port", "0", "--host", "0.0.0.0", "--store", store.toString())) {
            assertThat(s.err.toString()).contains("WARNING").contains("not on a loopback address");
        }
    }

    @Test
    void aBusyPortIsAUsageError(@TempDir Path store) throws Exception {
        try (Server first = new Server("serve", "--port", "0", "--store", store.toString())) {
            String port = first.base.replaceAll(".*:(\\d+)/$", "$1");
            StringWriter err = new StringWriter();
            int exit = AgenticCli.run(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true),
                    "serve",
                    "--port",
                    port,
                    "--store",
                    store.toString());
            assertThat(exit).isEqualTo(AgenticCli.USAGE);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + port);
        }
    }
}
