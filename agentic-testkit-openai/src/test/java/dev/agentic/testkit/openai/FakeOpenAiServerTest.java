package dev.agentic.testkit.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's wire format, read with a plain HTTP client. */
class FakeOpenAiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStreamIsServerSentEventsEndingInDoneWithUsageWhenAskedFor() throws Exception {
        server.script("m", OpenAiReply.text("héllo 🌍!").withChunkSize(2).withUsage(5, 3, 0));

        HttpResponse<String> response = post(
                "/chat/completions",
                "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}");

        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events).allSatisfy(e -> assertThat(e).startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        StringBuilder text = new StringBuilder();
        JsonNode usage = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(e.substring("data: ".length()));
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            if (chunk.path("choices").size() > 0) {
                text.append(chunk.path("choices")
                        .get(0)
                        .path("delta")
                        .path("content")
                        .asText(""));
            }
            if (chunk.has("usage")) {
                usage = chunk.get("usage");
            }
        }
        assertThat(text.toString()).isEqualTo("héllo 🌍!");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void anErrorHasItsStatusAndOpenAisErrorBody() throws Exception {
        server.script("m", OpenAiReply.error(429, "rate_limit_exceeded", "slow down"));

        HttpResponse<String> response = post("/chat/completions", "{\"model\":\"m\",\"messages\":[]}");

        assertThat(response.statusCode()).isEqualTo(429);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).isEqualTo("slow down");
    }

    @Test
    void scriptsAdvanceAndRepeatTheirLastReplyAndEveryRequestIsRecorded() throws Exception {
        server.script("m", OpenAiReply.error(500, "server_error", "boom"), OpenAiReply.toolCall("c1", "t", "{}"));

        int first =
                post("/chat/completions", "{\"model\":\"m\",\"messages\":[]}").statusCode();
        JsonNode second = JSON.readTree(
                post("/chat/completions", "{\"model\":\"m\",\"messages\":[]}").body());
        int third =
                post("/chat/completions", "{\"model\":\"m\",\"messages\":[]}").statusCode();
        int unknown = post("/embeddings", "{\"model\":\"m\"}").statusCode();

        assertThat(first).isEqualTo(500);
        JsonNode choice = second.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message")
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("name")
                        .asText())
                .isEqualTo("t");
        assertThat(third).isEqualTo(200);
        assertThat(unknown).isEqualTo(404);
        assertThat(server.requests()).hasSize(4);
        assertThat(server.requests().get(3).path()).isEqualTo("/v1/embeddings");
    }
}
