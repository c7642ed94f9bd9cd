package dev.agentic.bedrock;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import dev.agentic.testkit.contract.ChatModelContract;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The chat model contract for {@link BedrockChatModel}, sync (Converse) and streaming (ConverseStream), with the
 * real AWS SDK clients against {@link FakeBedrockServer}.
 */
class BedrockChatModelContractTest extends ChatModelContract {
    private static final AtomicInteger MODELS = new AtomicInteger();
    private static FakeBedrockServer server;
    private static BedrockRuntimeClient client;
    private static BedrockRuntimeAsyncClient asyncClient;

    @BeforeAll
    static void startServer() {
        server = FakeBedrockServer.start();
        client = FakeClients.sync(server.endpoint());
        asyncClient = FakeClients.async(server.endpoint());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        asyncClient.close();
        server.close();
    }

    private static ChatModel model(BedrockReply reply) {
        String id = "us.anthropic.claude-contract-" + MODELS.incrementAndGet() + "-v1:0";
        server.script(id, reply);
        return BedrockChatModel.builder()
                .modelId(id)
                .client(client)
                .asyncClient(asyncClient)
                .build();
    }

    @Override
    protected ChatModel modelAnswering(String text) {
        return model(BedrockReply.text(text).withChunkSize(3));
    }

    @Override
    protected ChatModel modelCallingTool(String name, String inputJson) {
        return model(BedrockReply.toolUse("tooluse_contract_1", name, inputJson));
    }

    /** Content filtering is a stop reason on Bedrock, not an error. */
    @Override
    protected Set<ModelException.Kind> failureKinds() {
        return EnumSet.complementOf(EnumSet.of(ModelException.Kind.CONTENT_FILTERED));
    }

    @Override
    protected ChatModel modelFailingWith(ModelException.Kind kind) {
        return model(failure(kind));
    }

    static BedrockReply failure(ModelException.Kind kind) {
        switch (kind) {
            case THROTTLED:
                return BedrockReply.error(429, "ThrottlingException", "Too many requests, please wait");
            case UNAVAILABLE:
                return BedrockReply.error(503, "ServiceUnavailableException", "Service unavailable");
            case TIMEOUT:
                return BedrockReply.error(408, "ModelTimeoutException", "Model timed out");
            case SERVER_ERROR:
                return BedrockReply.error(500, "InternalServerException", "Internal error");
            case INVALID_REQUEST:
                return BedrockReply.error(400, "ValidationException", "Malformed input request");
            case ACCESS_DENIED:
                return BedrockReply.error(403, "AccessDeniedException", "You don't have access to the model");
            case CONTEXT_TOO_LONG:
                return BedrockReply.error(400, "ValidationException", "Input is too long for requested model.");
            case MODEL_NOT_FOUND:
                return BedrockReply.error(404, "ResourceNotFoundException", "Model not found");
            default:
                return BedrockReply.error(400, "BrandNewException", "Something new");
        }
    }
}
