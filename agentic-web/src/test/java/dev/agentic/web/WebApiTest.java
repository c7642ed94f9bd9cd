package dev.agentic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON and WebSocket API over real HTTP, with a scripted model and the real bubblewrap sandbox. */
class WebApiTest {
    private static LocalSandbox sandbox;

    @BeforeAll
    static void sandbox() {
        sandbox = LocalSandbox.builder().build();
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    private static String answer(String code) {
        return "Here is the program.\n\n```python\n" + code + "\n```\n";
    }

    private static WebApp start(ScriptedChatModel model) {
        return WebApp.builder().model(model).sandbox(sandbox).start();
    }

    @Test
    void everyRequestAndTheWebSocketNeedTheToken() {
        try (WebApp app = start(ScriptedChatModel.of());
                ApiClient c = new ApiClient(app)) {
            assertThat(c.send("GET", "/api/info", null, null, null).statusCode())
                    .isEqualTo(401);
            assertThat(c.send("GET", "/api/info", null, "wrong-token-wrong-token", null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(c.send("GET", "/", null, null, null).statusCode()).isEqualTo(401);
            assertThat(c.send("GET", "/assets/app.js", null, null, null).statusCode())
                    .isEqualTo(401);
            assertThat(c.send("POST", "/api/sessions", null, null, c.origin()).statusCode())
                    .isEqualTo(401);
            assertThat(c.send("GET", "/api/info", null).statusCode()).isEqualTo(200);
            String session =
                    c.json("POST", "/api/sessions", null, 201).get("id").asText();
            assertThatThrownBy(() -> c.connect("/api/sessions/" + session + "/events", null, c.origin()))
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        }
    }

    @Test
    void theTokenInTheAddressBecomesAnHttpOnlyStrictCookie() {
        try (WebApp app = start(ScriptedChatModel.of());
                ApiClient c = new ApiClient(app)) {
            HttpResponse<String> r = c.send("GET", "/?token=" + app.token(), null, null, null);
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
            assertThat(r.headers().firstValue("Set-Cookie"))
                    .hasValueSatisfying(v -> assertThat(v)
                            .contains("agentic_token_" + app.port() + "=" + app.token())
                            .containsIgnoringCase("HttpOnly")
                            .containsIgnoringCase("SameSite=Strict"));
            assertThat(c.send("GET", "/?token=not-the-token-at-all", null, null, null)
                            .statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void anotherOriginIsRefusedOnTheWebSocketAndOnRequests() {
        try (WebApp app = start(ScriptedChatModel.of());
                ApiClient c = new ApiClient(app)) {
            String session =
                    c.json("POST", "/api/sessions", null, 201).get("id").asText();
            assertThatThrownBy(
                            () -> c.connect("/api/sessions/" + session + "/events", app.token(), "http://evil.example"))
                    .cause()
                    .isInstanceOfSatisfying(
                            WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
            assertThat(c.send("POST", "/api/sessions", null, app.token(), "http://evil.example")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(c.send("GET", "/api/info", null, app.token(), "http://127.0.0.1:1")
                            .statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void responsesCarryAStrictContentSecurityPolicy() {
        try (WebApp app = start(ScriptedChatModel.of());
                ApiClient c = new ApiClient(app)) {
            for (String path : List.of("/", "/api/info", "/assets/app.js")) {
                HttpResponse<String> r = c.send("GET", path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Security-Policy"))
                        .as(path)
                        .hasValueSatisfying(v -> assertThat(v)
                                .contains("default-src 'none'")
                                .contains("script-src 'self'")
                                .contains("frame-ancestors 'none'")
                                .doesNotContain("unsafe-inline")
                                .doesNotContain("unsafe-eval"));
                assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            }
        }
    }

    @Test
    void aTaskStreamsItsEventsInOrderAndEndsWithAResult() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .id("scripted-test")
                .answer(answer("numbers = [n * n for n in range(5)]\nprint(numbers)"))
                .build();
        try (WebApp app = start(model);
                ApiClient c = new ApiClient(app).open()) {
            String runId = c.json(
                            "POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Squares"), 202)
                    .get("runId")
                    .asText();
            List<JsonNode> events = c.eventsUntil("finished");
            List<String> types = new ArrayList<>();
            for (JsonNode e : events) {
                if (!types.isEmpty()
                        && types.get(types.size() - 1).equals(e.get("type").asText())) {
                    continue;
                }
                types.add(e.get("type").asText());
            }
            assertThat(types)
                    .containsExactly(
                            "started",
                            "generating",
                            "delta",
                            "model",
                            "code",
                            "validated",
                            "executing",
                            "executed",
                            "finished");
            assertThat(events)
                    .allSatisfy(e -> assertThat(e.get("runId").asText()).isEqualTo(runId));
            StringBuilder streamed = new StringBuilder();
            events.stream()
                    .filter(e -> e.get("type").asText().equals("delta"))
                    .forEach(e -> streamed.append(e.get("text").asText()));
            assertThat(streamed.toString()).isEqualTo(answer("numbers = [n * n for n in range(5)]\nprint(numbers)"));
            JsonNode entry = events.get(events.size() - 1).get("entry");
            assertThat(entry.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(entry.at("/workflow/result/stdout").asText()).isEqualTo("[0, 1, 4, 9, 16]\n");
            assertThat(entry.at("/workflow/modelId").asText()).isEqualTo("scripted-test");
            assertThat(entry.at("/workflow/inputTokens").asLong()).isPositive();
            assertThat(entry.get("code").asText()).contains("numbers = [n * n");
            JsonNode history = c.json("GET", "/api/sessions/" + c.session + "/history", null, 200);
            assertThat(history.get("entries")).hasSize(1);
            int n = history.at("/entries/0/n").asInt();
            assertThat(c.json("GET", "/api/sessions/" + c.session + "/history/" + n, null, 200)
                            .at("/workflow/result/stdout")
                            .asText())
                    .isEqualTo("[0, 1, 4, 9, 16]\n");
        }
    }

    @Test
    void editedCodeRunsAfterValidationAndRejectedCodeShowsFindingsWithLineAndColumn() {
        try (WebApp app = start(ScriptedChatModel.of());
                ApiClient c = new ApiClient(app).open()) {
            JsonNode ran = c.json(
                    "POST",
                    "/api/sessions/" + c.session + "/run",
                    ApiClient.body("code", "import sys\nprint(6 * 7)\nprint('oops', file=sys.stderr)"),
                    200);
            assertThat(ran.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(ran.at("/result/stdout").asText()).isEqualTo("42\n");
            assertThat(ran.at("/result/stderr").asText()).isEqualTo("oops\n");
            assertThat(ran.at("/validation/valid").asBoolean()).isTrue();
            assertThat(c.next(e -> e.get("type").asText().equals("run-finished"))
                            .at("/entry/result/stdout")
                            .asText())
                    .isEqualTo("42\n");

            JsonNode rejected = c.json(
                    "POST",
                    "/api/sessions/" + c.session + "/run",
                    ApiClient.body("code", "x = 1\nimport subprocess\nsubprocess.run(['id'])"),
                    200);
            assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
            assertThat(rejected.has("result")).isFalse();
            JsonNode finding = rejected.at("/validation/findings/0");
            assertThat(finding.get("line").asInt()).isEqualTo(2);
            assertThat(finding.get("column").asInt()).isPositive();

            JsonNode validated = c.json(
                    "POST",
                    "/api/sessions/" + c.session + "/validate",
                    ApiClient.body("code", "import subprocess"),
                    200);
            assertThat(validated.get("valid").asBoolean()).isFalse();
            assertThat(validated.at("/findings/0/rule").asText()).isEqualTo("denied-import");
        }
    }

    @Test
    void aFailedRunIsRepairedAndThePageSeesTheRepair() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer(answer("import sys\nsys.exit('no data yet')"))
                .answer(answer("print('repaired')"))
                .build();
        try (WebApp app = start(model);
                ApiClient c = new ApiClient(app).open()) {
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Print something"), 202);
            List<JsonNode> events = c.eventsUntil("finished");
            JsonNode repairing = events.stream()
                    .filter(e -> e.get("type").asText().equals("repairing"))
                    .findFirst()
                    .orElseThrow();
            assertThat(repairing.get("attempt").asInt()).isEqualTo(1);
            assertThat(events.stream()
                            .filter(e -> e.get("type").asText().equals("generating"))
                            .map(e -> e.get("attempt").asInt()))
                    .containsExactly(1, 2);
            JsonNode entry = events.get(events.size() - 1).get("entry");
            assertThat(entry.at("/workflow/attempts").asInt()).isEqualTo(2);
            assertThat(entry.at("/workflow/result/stdout").asText()).isEqualTo("repaired\n");
        }
    }

    @Test
    void aRunOverItsWallTimeShowsTheLimitItHit() {
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(sandbox)
                        .limits(ExecutionLimits.builder()
                                .wallTime(Duration.ofSeconds(2))
                                .build())
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            JsonNode entry = c.json(
                    "POST",
                    "/api/sessions/" + c.session + "/run",
                    ApiClient.body("code", "print('started', flush=True)\nwhile True:\n    pass"),
                    200);
            assertThat(entry.get("status").asText()).isEqualTo("TIMED_OUT");
            assertThat(entry.at("/result/limit").asText()).isEqualTo("WALL_TIME");
            assertThat(entry.at("/result/stdout").asText()).contains("started");
            assertThat(entry.at("/result/keyNotes"))
                    .as("the notes on the wall time are key notes of a run that timed out")
                    .isNotEmpty()
                    .allSatisfy(k -> assertThat(k.get("kind").asText()).isEqualTo("stop-reason"))
                    .anySatisfy(k -> assertThat(k.get("text").asText()).startsWith("wall time: "));
            JsonNode next =
                    c.json("POST", "/api/sessions/" + c.session + "/run", ApiClient.body("code", "print(6 * 7)"), 200);
            assertThat(next.at("/result/stdout").asText()).isEqualTo("42\n");
        }
    }

    @Test
    void outputOverTheCapIsMarkedTruncatedInTheAnswerAndTheEvent() {
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(sandbox)
                        .limits(ExecutionLimits.builder().maxOutputBytes(1024).build())
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            JsonNode entry = c.json(
                    "POST",
                    "/api/sessions/" + c.session + "/run",
                    ApiClient.body(
                            "code", "import sys\nprint('small', file=sys.stderr, flush=True)\nprint('x' * 100000)"),
                    200);
            JsonNode event = c.next(e -> e.get("type").asText().equals("run-finished"));

            for (JsonNode e : List.of(entry, event.get("entry"))) {
                assertThat(e.at("/result/stdoutTruncated").asBoolean()).isTrue();
                assertThat(e.at("/result/stderrTruncated").asBoolean()).isFalse();
                assertThat(e.at("/result/stdout").asText().length()).isLessThanOrEqualTo(1024);
                assertThat(e.at("/result/stderr").asText()).as(e.toString()).startsWith("small\n");
            }
            int n = c.json("GET", "/api/sessions/" + c.session + "/history", null, 200)
                    .at("/entries/0/n")
                    .asInt();
            assertThat(c.json("GET", "/api/sessions/" + c.session + "/history/" + n, null, 200)
                            .at("/result/stdoutTruncated")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void cancelEndsTheRunningProgramAndTheNextRunStartsFresh() throws Exception {
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(sandbox)
                        .limits(ExecutionLimits.builder()
                                .wallTime(Duration.ofSeconds(120))
                                .build())
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            String base = "/api/sessions/" + c.session;
            c.json("POST", base + "/run", ApiClient.body("code", "kept = 1"), 200);
            assertThat(c.json("POST", base + "/cancel", null, 200)
                            .get("cancelled")
                            .asBoolean())
                    .as("nothing runs yet")
                    .isFalse();
            CompletableFuture<JsonNode> running = CompletableFuture.supplyAsync(
                    () -> c.json("POST", base + "/run", ApiClient.body("code", "import time\ntime.sleep(60)"), 200));
            c.next(e -> e.get("type").asText().equals("run-started"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            JsonNode cancel = c.json("POST", base + "/cancel", null, 200);
            // the program may not have reached the interpreter yet when the event arrives: ask again until it has
            while (!cancel.get("cancelled").asBoolean() && System.nanoTime() < deadline && !running.isDone()) {
                Thread.sleep(50);
                cancel = c.json("POST", base + "/cancel", null, 200);
            }
            long cancelledAt = System.nanoTime();
            JsonNode entry = running.get(60, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);

            assertThat(cancel.get("program").asBoolean()).as(cancel.toString()).isTrue();
            assertThat(entry.get("status").asText()).isEqualTo("KILLED");
            assertThat(entry.get("cancelled").asBoolean()).isTrue();
            assertThat(entry.at("/result/notes").toString()).contains("cancelled");
            assertThat(entry.at("/result/keyNotes/0/kind").asText()).isEqualTo("state-lost");
            assertThat(entry.at("/result/keyNotes/0/text").asText()).startsWith("cancelled: ");
            assertThat(tookMs)
                    .as("the run ends soon after the cancel, not at its 60 s sleep")
                    .isLessThan(30_000);

            JsonNode next =
                    c.json("POST", base + "/run", ApiClient.body("code", "print(6 * 7)\nprint('kept' in dir())"), 200);
            assertThat(next.at("/result/stdout").asText()).isEqualTo("42\nFalse\n");
            assertThat(next.at("/result/notes").toString()).contains("fresh interpreter");
            assertThat(next.at("/result/keyNotes"))
                    .as("the state-lost note is a key note of the next run")
                    .anySatisfy(k -> {
                        assertThat(k.get("kind").asText()).isEqualTo("state-lost");
                        assertThat(k.get("text").asText()).contains("fresh interpreter");
                    });
            JsonNode lines = c.json("GET", base + "/history", null, 200).get("entries");
            assertThat(lines).hasSize(3);
            assertThat(lines.findValuesAsText("stateLost"))
                    .as("the history marks the cancelled run and the run after it")
                    .containsExactly("false", "true", "true");
        }
    }

    @Test
    void everyRunCarriesItsNotesInTheAnswerTheEventsAndTheHistory() {
        ScriptedChatModel model = ScriptedChatModel.of(answer("print('from the task')"));
        try (WebApp app = start(model);
                ApiClient c = new ApiClient(app).open()) {
            String base = "/api/sessions/" + c.session;
            c.json("POST", base + "/tasks", ApiClient.body("task", "Print something"), 202);
            List<JsonNode> events = c.eventsUntil("finished");
            JsonNode executed = events.stream()
                    .filter(e -> e.get("type").asText().equals("executed"))
                    .findFirst()
                    .orElseThrow()
                    .get("result");
            JsonNode task = events.get(events.size() - 1).at("/entry/workflow/result");
            JsonNode taskHistory = c.json(
                            "GET",
                            base + "/history/"
                                    + events.get(events.size() - 1)
                                            .at("/entry/n")
                                            .asInt(),
                            null,
                            200)
                    .at("/workflow/result");

            JsonNode ran = c.json("POST", base + "/run", ApiClient.body("code", "print(6 * 7)"), 200);
            JsonNode runEvent =
                    c.next(e -> e.get("type").asText().equals("run-finished")).at("/entry/result");
            JsonNode runHistory = c.json(
                            "GET", base + "/history/" + ran.get("n").asInt(), null, 200)
                    .get("result");

            for (JsonNode r : List.of(executed, task, taskHistory, ran.get("result"), runEvent, runHistory)) {
                assertThat(notes(r))
                        .as("how the wall time was enforced, in %s", r)
                        .anyMatch(n -> n.startsWith("wall time: "));
                assertThat(r.get("keyNotes"))
                        .as("a run that ended by itself has no key notes")
                        .isEmpty();
            }
            assertThat(task.get("notes")).isEqualTo(executed.get("notes")).isEqualTo(taskHistory.get("notes"));
            assertThat(runEvent.get("notes")).isEqualTo(ran.at("/result/notes")).isEqualTo(runHistory.get("notes"));
        }
    }

    private static List<String> notes(JsonNode result) {
        List<String> notes = new ArrayList<>();
        result.get("notes").forEach(n -> notes.add(n.asText()));
        return notes;
    }

    @Test
    void resetForgetsTheConversationAndTheHistory() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer(answer("print('first')"))
                .answer(answer("print('second')"))
                .build();
        try (WebApp app = start(model);
                ApiClient c = new ApiClient(app).open()) {
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "First task ALPHA"), 202);
            c.eventsUntil("finished");
            assertThat(c.json("GET", "/api/sessions/" + c.session + "/history", null, 200)
                            .get("entries"))
                    .hasSize(1);
            c.json("POST", "/api/sessions/" + c.session + "/reset", null, 204);
            assertThat(c.json("GET", "/api/sessions/" + c.session + "/history", null, 200)
                            .get("entries"))
                    .isEmpty();
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Second task"), 202);
            c.eventsUntil("finished");
            assertThat(model.lastRequest().lastUserText()).doesNotContain("ALPHA");
        }
    }

    @Test
    void aFollowUpSeesTheEarlierTaskAndCode() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer(answer("total = 40\nprint(total)"))
                .answer(answer("total = 40\nprint(total + 2)"))
                .build();
        try (WebApp app = start(model);
                ApiClient c = new ApiClient(app).open()) {
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Set total to 40"), 202);
            c.eventsUntil("finished");
            c.json("POST", "/api/sessions/" + c.session + "/tasks", ApiClient.body("task", "Now add two"), 202);
            JsonNode finished = c.next(e -> e.get("type").asText().equals("finished"));
            assertThat(finished.at("/entry/workflow/result/stdout").asText()).isEqualTo("42\n");
            assertThat(model.lastRequest().lastUserText())
                    .contains("Set total to 40")
                    .contains("total = 40");
        }
    }

    @Test
    void sessionsOfTwoClientsAreIsolated() {
        ScriptedChatModel model = ScriptedChatModel.of(answer("print('only for A')"));
        try (WebApp app = start(model);
                ApiClient a = new ApiClient(app).open();
                ApiClient b = new ApiClient(app).open()) {
            assertThat(a.session).isNotEqualTo(b.session);
            a.json("POST", "/api/sessions/" + a.session + "/tasks", ApiClient.body("task", "Print for A"), 202);
            a.eventsUntil("finished");
            b.json("POST", "/api/sessions/" + b.session + "/run", ApiClient.body("code", "print('B')"), 200);
            b.next(e -> e.get("type").asText().equals("run-finished"));
            assertThat(b.everything()).doesNotContain("only for A").doesNotContain("Print for A");
            assertThat(b.json("GET", "/api/sessions/" + b.session + "/history", null, 200)
                            .get("entries"))
                    .hasSize(1);
            assertThat(a.json("GET", "/api/sessions/" + a.session + "/history", null, 200)
                            .get("entries"))
                    .hasSize(1);
        }
    }

    @Test
    void bodiesTasksAndProgramsOverTheirCapsAreRefusedWith413() {
        try (WebApp app = WebApp.builder()
                        .model(ScriptedChatModel.of())
                        .sandbox(sandbox)
                        .maxTaskChars(100)
                        .maxCodeBytes(2000)
                        .maxRequestBytes(8192)
                        .start();
                ApiClient c = new ApiClient(app).open()) {
            String base = "/api/sessions/" + c.session;
            assertThat(c.send("POST", base + "/tasks", ApiClient.body("task", "x".repeat(101)))
                            .statusCode())
                    .isEqualTo(413);
            assertThat(c.send("POST", base + "/run", ApiClient.body("code", "#".repeat(2001)))
                            .statusCode())
                    .isEqualTo(413);
            assertThat(c.send("POST", base + "/run", ApiClient.body("code", "#".repeat(9000)))
                            .statusCode())
                    .isEqualTo(413);
            assertThat(c.send("POST", base + "/tasks", "not json").statusCode()).isEqualTo(400);
        }
    }
}
