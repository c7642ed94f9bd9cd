package dev.agentic.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StreamListener;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** The clients a model builds for itself, the protocol they speak, and who closes what. */
class BedrockChatModelClientsTest {
    private static final String MODEL = BedrockModels.CLAUDE_3_HAIKU;
    private static final ChatRequest HELLO = ChatRequest.builder().user("hello").build();

    @Test
    void clientsTheModelBuildsStreamFromAPlainHttpEndpointOverHttp11() {
        try (FakeBedrockServer server = FakeBedrockServer.start();
                BedrockChatModel model = BedrockChatModel.builder()
                        .modelId(MODEL)
                        .region("us-east-1")
                        .credentialsProvider(FakeClients.CREDENTIALS)
                        .endpointOverride(server.endpoint())
                        .build()) {
            server.script(MODEL, BedrockReply.text("Hi there, streamed"));
            List<String> deltas = new ArrayList<>();

            assertThat(model.chat(HELLO, deltas::add).text()).isEqualTo("Hi there, streamed");
            assertThat(deltas).hasSizeGreaterThan(1);
            assertThat(model.chat(HELLO).text()).isEqualTo("Hi there, streamed");
        }
    }

    @Test
    void anHttp2AsyncClientAtAnHttp11EndpointFailsSayingWhatToChange() {
        try (FakeBedrockServer server = FakeBedrockServer.start();
                BedrockRuntimeAsyncClient defaultAsync = BedrockRuntimeAsyncClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(FakeClients.CREDENTIALS)
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build();
                BedrockChatModel model = BedrockChatModel.builder()
                        .modelId(MODEL)
                        .region("us-east-1")
                        .credentialsProvider(FakeClients.CREDENTIALS)
                        .endpointOverride(server.endpoint())
                        .asyncClient(defaultAsync)
                        .build()) {
            server.script(MODEL, BedrockReply.text("unused"));

            ModelException e =
                    catchThrowableOfType(ModelException.class, () -> model.chat(HELLO, StreamListener.ignoring()));

            assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP/2").contains("Protocol.HTTP1_1");
        }
    }

    @Test
    void closingTheModelLeavesCallerBuiltClientsOpen() {
        try (FakeBedrockServer server = FakeBedrockServer.start();
                BedrockRuntimeClient client = FakeClients.sync(server.endpoint());
                BedrockRuntimeAsyncClient async = FakeClients.async(server.endpoint())) {
            server.script(MODEL, BedrockReply.text("still open"));
            BedrockChatModel model = BedrockChatModel.builder()
                    .modelId(MODEL)
                    .client(client)
                    .asyncClient(async)
                    .build();
            model.close();

            BedrockChatModel again = BedrockChatModel.builder()
                    .modelId(MODEL)
                    .client(client)
                    .asyncClient(async)
                    .build();
            assertThat(again.chat(HELLO).text()).isEqualTo("still open");
            assertThat(again.chat(HELLO, StreamListener.ignoring()).text()).isEqualTo("still open");
        }
    }

    @Test
    void closingTheModelClosesTheClientsItBuilt() {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            server.script(MODEL, BedrockReply.text("x"));
            BedrockChatModel model = BedrockChatModel.builder()
                    .modelId(MODEL)
                    .region("us-east-1")
                    .credentialsProvider(FakeClients.CREDENTIALS)
                    .endpointOverride(server.endpoint())
                    .build();
            model.close();

            assertThatThrownBy(() -> model.chat(HELLO)).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aModelWithoutAnIdIsAConfigurationErrorNamingTheCall() {
        assertThatThrownBy(() -> BedrockChatModel.builder().region("us-east-1").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(".modelId(");
    }
}
