package dev.agentic.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.fakes.ScriptedSandbox;
import dev.agentic.sandbox.LocalSandbox;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The server's security points over real HTTP and WebSocket: secrets, caps, loopback, Host, session ends. */
class WebSecurityTest {
    private static final String SECRET = "sk-test-7f3a9c1e5b2d4068";

    private static String answer(String code) {
        return "```python\n" + code + "\n```\n";
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aSecretNeverAppearsInAnyPayload() {
        String program = String.join(
                "\n",
                "import base64, os",
                "key = os.environ['PAYMENTS_KEY']",
                "print('key:', key)",
                "print('b64:', base64.b64encode(key.encode()).decode())",
                "open('key.txt', 'w').write(key)",
                "raise SystemExit('failing with ' + key)");
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer(answer(program))
                .respondWith(r -> {
                    throw new IllegalStateException("one answer only");
                })
                .build();
        try (LocalSandbox sandbox = LocalSandbox.builder().build();
                WebApp app = WebApp.builder()
                        .model(model)
                        .sandbox(sandbox)
                        .secrets(SecretProvider.fromMap(Map.of("payments/key", SECRET)))
                        .secret("PAYMENTS_KEY", SecretRef.of("payments/key"))
                        .maxAttempts(1)
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Print the key"), 202);
            JsonNode finished = c.next(e -> e.get("type").asText().equals("finished"));
            JsonNode run = c.json("POST", "/api/sessions/" + c.session + "/run", ApiClient.body("code", program), 200);
            assertThat(run.at("/result/stdout").asText()).contains("key: [REDACTED]");
            c.json("GET", "/api/sessions/" + c.session + "/history", null, 200);
            for (JsonNode entry : List.of(finished.get("entry"), run)) {
                c.json(
                        "GET",
                        "/api/sessions/" + c.session + "/history/"
                                + entry.get("n").asInt(),
                        null,
                        200);
                JsonNode result = entry.has("result") ? entry.get("result") : entry.at("/workflow/result");
                for (int i = 0; i < result.get("files").size(); i++) {
                    c.send("GET", result.at("/files/" + i + "/url").asText(), null);
                }
                assertThat(result.get("files").toString()).contains("key.txt");
            }
            c.json("GET", "/api/info", null, 200);
            String everything = c.everything();
            assertThat(everything).contains("PAYMENTS_KEY").contains("[REDACTED]");
            assertThat(everything)
                    .doesNotContain(SECRET)
                    .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aSecretInARunsNotesIsMaskedInTheAnswerTheEventsAndTheHistory() {
        // a sandbox whose notes quote the secret, as a careless one might when it reports why it ended a run
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .sessionRespondWith((session, request) -> new ExecutionResult.Killed(
                        9,
                        Limit.MEMORY,
                        ExecutionOutput.of("", "", Duration.ofMillis(1)).toBuilder()
                                .note("memory: killed at 64 MiB while holding " + SECRET)
                                .note("state: the interpreter ended (" + SECRET + "); variables of earlier runs are "
                                        + "lost")
                                .note("isolation: scripted " + SECRET)
                                .build()))
                .build();
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer(answer("print('x')"))
                .respondWith(r -> {
                    throw new IllegalStateException("one answer only");
                })
                .build();
        try (WebApp app = WebApp.builder()
                        .model(model)
                        .sandbox(sandbox)
                        .secrets(SecretProvider.fromMap(Map.of("payments/key", SECRET)))
                        .secret("PAYMENTS_KEY", SecretRef.of("payments/key"))
                        .maxAttempts(1)
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            String base = "/api/sessions/" + c.session;
            c.json("POST", base + "/tasks", ApiClient.body("task", "Print x"), 202);
            List<JsonNode> events = c.eventsUntil("finished");
            JsonNode run = c.json("POST", base + "/run", ApiClient.body("code", "print('x')"), 200);
            JsonNode runEvent = c.next(e -> e.get("type").asText().equals("run-finished"));
            List<JsonNode> results = new ArrayList<>();
            events.stream()
                    .filter(e -> e.get("type").asText().equals("executed"))
                    .forEach(e -> results.add(e.get("result")));
            JsonNode finished = events.get(events.size() - 1).get("entry");
            results.add(finished.at("/workflow/result"));
            results.add(c.json("GET", base + "/history/" + finished.get("n").asInt(), null, 200)
                    .at("/workflow/result"));
            results.add(run.get("result"));
            results.add(runEvent.at("/entry/result"));
            results.add(c.json("GET", base + "/history/" + run.get("n").asInt(), null, 200)
                    .get("result"));
            c.json("GET", base + "/history", null, 200);

            assertThat(results).hasSize(6).allSatisfy(r -> {
                assertThat(r.get("notes").toString())
                        .contains("while holding [REDACTED]")
                        .contains("scripted [REDACTED]");
                assertThat(r.get("keyNotes")).hasSize(2);
                assertThat(r.at("/keyNotes/0/kind").asText()).isEqualTo("stop-reason");
                assertThat(r.at("/keyNotes/0/text").asText()).contains("[REDACTED]");
                assertThat(r.at("/keyNotes/1/kind").asText()).isEqualTo("state-lost");
            });
            assertThat(c.everything()).contains("[REDACTED]").doesNotContain(SECRET);
        }
    }

    @Test
    void runsAreCappedPerSessionAndInTotal() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .capabilities(SandboxCapabilities.builder()
                        .allCapabilities()
                        .without(SandboxCapability.SESSIONS)
                        .language(Language.PYTHON)
                        .build())
                .respondWith(r -> {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new ExecutionResult.Succeeded(ExecutionOutput.of("done\n", "", Duration.ofMillis(1)));
                })
                .build();
        ScriptedChatModel model =
                ScriptedChatModel.builder().answer(answer("print('slow')")).build();
        try (WebApp app = WebApp.builder()
                        .model(model)
                        .sandbox(sandbox)
                        .maxRunsTotal(1)
                        .start();
                ApiClient a = new ApiClient(app).open();
                ApiClient b = new ApiClient(app).open()) {
            a.json("POST", "/api/sessions/" + a.session + "/tasks", ApiClient.body("task", "Slow"), 202);
            a.next(e -> e.get("type").asText().equals("executing"));
            assertThat(a.send("POST", "/api/sessions/" + a.session + "/run", ApiClient.body("code", "print(1)"))
                            .body())
                    .contains("this session already has 1 run(s) in progress");
            var refused = b.send("POST", "/api/sessions/" + b.session + "/run", ApiClient.body("code", "print(1)"));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("the server already runs 1 programs at once");
            release.countDown();
            a.next(e -> e.get("type").asText().equals("finished"));
            assertThat(b.json("POST", "/api/sessions/" + b.session + "/run", ApiClient.body("code", "print(1)"), 200)
                            .get("status")
                            .asText())
                    .isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void closingTheTabEndsItsSessionAndItsSandboxSession() throws Exception {
        ScriptedSandbox sandbox = ScriptedSandbox.builder().build();
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(sandbox)
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            assertThat(app.openSessions()).isEqualTo(1);
            assertThat(sandbox.sessions()).hasSize(1);
            assertThat(sandbox.sessions().get(0).isAlive()).isTrue();
            c.closeSocket();
            await(() -> app.openSessions() == 0, "the session ends when its page closes");
            await(() -> !sandbox.sessions().get(0).isAlive(), "its sandbox session ends with it");
            assertThat(c.send("GET", "/api/sessions/" + c.session + "/history", null)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void anIdleSessionEndsAndTellsItsPage() throws Exception {
        ScriptedSandbox sandbox = ScriptedSandbox.builder().build();
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(sandbox)
                        .idleTimeout(Duration.ofSeconds(2))
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            JsonNode closed = c.next(e -> e.get("type").asText().equals("closed"));
            assertThat(closed.get("reason").asText()).startsWith("idle");
            await(() -> !sandbox.sessions().get(0).isAlive(), "its sandbox session ends with it");
            assertThat(app.openSessions()).isZero();
        }
    }

    @Test
    void taskAndEditorRunsOfATabShareOneSandboxSessionWhenTheSandboxHasSessions() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .sessionRespondWith((session, request) -> new ExecutionResult.Succeeded(
                        ExecutionOutput.of("run " + session.requests().size() + "\n", "", Duration.ofMillis(1))))
                .build();
        ScriptedChatModel model = ScriptedChatModel.of(answer("x = 1"), answer("print(x)"));
        try (WebApp app = WebApp.builder().model(model).sandbox(sandbox).start();
                ApiClient c = new ApiClient(app).open()) {
            assertThat(c.json("GET", "/api/info", null, 200)
                            .get("statePersists")
                            .asBoolean())
                    .isTrue();
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Set x"), 202);
            c.next(e -> e.get("type").asText().equals("finished"));
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Print x"), 202);
            JsonNode followUp = c.next(e -> e.get("type").asText().equals("finished"));
            assertThat(followUp.at("/entry/workflow/result/stdout").asText()).isEqualTo("run 2\n");
            assertThat(model.lastRequest().lastUserText()).contains("same interpreter session");
            c.json("POST", "/api/sessions/" + c.session + "/run", ApiClient.body("code", "print(x)"), 200);
            assertThat(sandbox.sessions()).hasSize(1);
            assertThat(sandbox.sessions().get(0).requests()).hasSize(3);
            c.json("POST", "/api/sessions/" + c.session + "/reset", null, 204);
            assertThat(sandbox.sessions().get(0).resetCount()).isEqualTo(1);
        }
    }

    @Test
    void aRunAfterTheSandboxSessionEndedGetsAFreshSessionAndSaysSo() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder()
                .sessionRespondWith((session, request) ->
                        new ExecutionResult.Succeeded(ExecutionOutput.of("ok\n", "", Duration.ofMillis(1))))
                .build();
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(sandbox)
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            JsonNode first =
                    c.json("POST", "/api/sessions/" + c.session + "/run", ApiClient.body("code", "x = 1"), 200);
            assertThat(first.at("/result/notes").toString()).doesNotContain("fresh interpreter");
            sandbox.sessions().get(0).close(); // as a sandbox does when a timed-out run ends the interpreter
            JsonNode second =
                    c.json("POST", "/api/sessions/" + c.session + "/run", ApiClient.body("code", "print(x)"), 200);
            assertThat(second.at("/result/notes").toString()).contains("fresh interpreter");
            assertThat(sandbox.sessions()).hasSize(2);
            assertThat(sandbox.sessions().get(1).isAlive()).isTrue();
        }
    }

    @Test
    void bindsToLoopbackByDefaultAndWarnsOtherwise() {
        ScriptedSandbox sandbox = ScriptedSandbox.builder().build();
        List<String> warnings = new ArrayList<>();
        try (WebApp app = WebApp.builder()
                .model(ScriptedChatModel.of())
                .sandbox(sandbox)
                .warnings(warnings::add)
                .start()) {
            assertThat(app.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(warnings).isEmpty();
        }
        try (WebApp app = WebApp.builder()
                .model(ScriptedChatModel.of())
                .sandbox(sandbox)
                .host("0.0.0.0")
                .warnings(warnings::add)
                .start()) {
            assertThat(warnings).singleElement().asString().contains("not on a loopback address");
        }
    }

    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(ScriptedSandbox.builder().build())
                        .start();
                Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/info HTTP/1.1\r\nHost: rebound.example:" + app.port() + "\r\nAuthorization: Bearer "
                            + app.token() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403");
        }
    }
}
