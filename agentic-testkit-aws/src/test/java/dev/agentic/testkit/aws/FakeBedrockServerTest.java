package dev.agentic.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** The fake's wire format, read without the AWS SDK: paths, frames, error headers, recording. */
class FakeBedrockServerTest {
    private static final String MODEL = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    private static final String ENCODED = "us.anthropic.claude-3-7-sonnet-20250219-v1%3A0";

    private static HttpResponse<byte[]> post(FakeBedrockServer server, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aStreamIsEventFramesWithValidChecksumsEndingInMessageStopAndMetadata() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            server.script(MODEL, BedrockReply.text("héllo 🌍").withChunkSize(3));

            HttpResponse<byte[]> response = post(server, "/model/" + ENCODED + "/converse-stream", "{}");
            List<Message> frames = new ArrayList<>();
            new MessageDecoder(frames::add).feed(response.body());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(frames)
                    .extracting(f -> f.getHeaders().get(":event-type").getString())
                    .containsExactly(
                            "messageStart",
                            "contentBlockDelta",
                            "contentBlockDelta",
                            "contentBlockDelta",
                            "contentBlockStop",
                            "messageStop",
                            "metadata");
            assertThat(new ObjectMapper()
                            .readTree(frames.get(3).getPayload())
                            .at("/delta/text")
                            .asText())
                    .isEqualTo("🌍");
        }
    }

    @Test
    void requestsAreRecordedWithTheDecodedModelIdAndBody() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            server.script(MODEL, BedrockReply.text("ok"));

            post(server, "/model/" + ENCODED + "/converse", "{\"messages\":[{\"role\":\"user\"}]}");

            assertThat(server.requests()).singleElement().satisfies(r -> {
                assertThat(r.modelId()).isEqualTo(MODEL);
                assertThat(r.operation()).isEqualTo("converse");
                assertThat(r.body().at("/messages/0/role").asText()).isEqualTo("user");
            });
        }
    }

    @Test
    void errorsCarryTheAwsErrorTypeHeaderAndAnUnscriptedModelIsNotFound() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            server.script(MODEL, BedrockReply.error(429, "ThrottlingException", "slow down"));

            HttpResponse<byte[]> throttled = post(server, "/model/" + ENCODED + "/converse", "{}");
            HttpResponse<byte[]> unknown = post(server, "/model/other/converse", "{}");

            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("x-amzn-ErrorType").orElseThrow())
                    .startsWith("ThrottlingException:");
            assertThat(new String(throttled.body(), StandardCharsets.UTF_8)).contains("slow down");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("x-amzn-ErrorType").orElseThrow())
                    .startsWith("ResourceNotFoundException");
        }
    }

    @Test
    void aScriptAnswersInOrderAndRepeatsItsLastReply() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            server.script(MODEL, BedrockReply.error(503, "ServiceUnavailableException", "x"), BedrockReply.text("ok"));

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(
                        post(server, "/model/" + ENCODED + "/converse", "{}").statusCode());
            }

            assertThat(statuses).containsExactly(503, 200, 200);
        }
    }
}
