package dev.agentic.langchain4j;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.testkit.contract.ChatModelContract;
import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The chat model contract for {@link LangChain4jChatModel} wrapping LangChain4j's real OpenAI clients (plain and
 * streaming), over real HTTP against {@link FakeOpenAiServer}.
 */
class LangChain4jChatModelContractTest extends ChatModelContract {
    private static final AtomicInteger MODELS = new AtomicInteger();
    private static FakeOpenAiServer server;

    @BeforeAll
    static void startServer() {
        server = FakeOpenAiServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static ChatModel model(OpenAiReply reply) {
        String name = "gpt-contract-" + MODELS.incrementAndGet();
        server.script(name, reply);
        return FakeOpenAi.model(server, name);
    }

    @Override
    protected ChatModel modelAnswering(String text) {
        return model(OpenAiReply.text(text).withChunkSize(3));
    }

    @Override
    protected ChatModel modelCallingTool(String name, String inputJson) {
        return model(OpenAiReply.toolCall("call_contract_1", name, inputJson));
    }

    /** An OpenAI-compatible server has no way to say "unknown" that LangChain4j would not classify. */
    @Override
    protected Set<ModelException.Kind> failureKinds() {
        return EnumSet.complementOf(EnumSet.of(ModelException.Kind.UNKNOWN));
    }

    @Override
    protected ChatModel modelFailingWith(ModelException.Kind kind) {
        return model(FakeOpenAi.failure(kind));
    }
}
