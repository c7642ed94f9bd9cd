package dev.agentic.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.bedrock.BedrockModels;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code bedrock:} specs, configured only by the standard AWS settings (here their system properties). */
class BedrockChatModelProviderTest {
    private static final String[] SETTINGS = {
        "aws.region",
        "aws.accessKeyId",
        "aws.secretAccessKey",
        "aws.endpointUrlBedrockRuntime",
        "aws.endpointUrlBedrockAgentRuntime"
    };
    private final Map<String, String> saved = new HashMap<>();

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restore() {
        for (String key : SETTINGS) {
            String old = saved.get(key);
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    private static ChatModel create(String spec) {
        return ProviderLookup.chatModels().named("--model").create(spec, ProviderContext.defaults());
    }

    @Test
    void aListOfIdsIsAFallbackChainOnTheStandardAwsSettings() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            set("aws.region", "us-west-2");
            set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
            set("aws.secretAccessKey", "fake-secret");
            set("aws.endpointUrlBedrockRuntime", server.endpoint().toString());
            server.script("model-a", BedrockReply.error(400, "ValidationException", "bad"));
            server.script("model-b", BedrockReply.text("from b"));
            server.script(BedrockModels.CLAUDE_3_HAIKU, BedrockReply.text("from haiku"));

            ChatModel single = create("bedrock:" + BedrockModels.CLAUDE_3_HAIKU);
            ChatModel chain = create("bedrock:model-b,model-a");
            try {
                assertThat(single.id()).isEqualTo(BedrockModels.CLAUDE_3_HAIKU);
                assertThat(single.chat(ChatRequest.builder().user("hi").build()).text())
                        .isEqualTo("from haiku");
                assertThat(chain.id()).contains("model-b").contains("model-a");
                assertThat(chain.chat(ChatRequest.builder().user("hi").build()).modelId())
                        .isEqualTo("model-b");
                assertThat(server.requests().get(0).header("authorization")).contains("us-west-2");
            } finally {
                ((AutoCloseable) single).close();
                ((AutoCloseable) chain).close();
            }
        }
    }

    @Test
    void bedrockAgentAnswersThroughInvokeAgentInOneSession() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            set("aws.region", "us-east-1");
            set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
            set("aws.secretAccessKey", "fake-secret");
            set("aws.endpointUrlBedrockAgentRuntime", server.endpoint().toString());
            server.script("AGENT1/ALIAS1", BedrockReply.text("```python\nprint(1)\n```"));

            ChatModel agent = create("bedrock-agent:AGENT1/ALIAS1");
            try {
                assertThat(agent.chat(ChatRequest.builder().user("one").build()).text())
                        .contains("print(1)");
                agent.chat(ChatRequest.builder().user("two").build());
                assertThat(server.requests("AGENT1/ALIAS1"))
                        .extracting(r -> r.path())
                        .hasSize(2)
                        .allMatch(p -> p.equals(server.requests().get(0).path()));
            } finally {
                ((AutoCloseable) agent).close();
            }
        }
    }

    @Test
    void theContextRegionSignsTheRequestsAheadOfTheAwsRegionSetting() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            set("aws.region", "us-east-1");
            set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
            set("aws.secretAccessKey", "fake-secret");
            set("aws.endpointUrlBedrockRuntime", server.endpoint().toString());
            server.script("model-a", BedrockReply.text("from a"));

            ChatModel model = ProviderLookup.chatModels()
                    .named("--model")
                    .create(
                            "bedrock:model-a",
                            ProviderContext.builder().region("eu-west-3").build());
            try {
                assertThat(model.chat(ChatRequest.builder().user("hi").build()).text())
                        .isEqualTo("from a");
                assertThat(server.requests().get(0).header("authorization"))
                        .contains("/eu-west-3/bedrock/")
                        .doesNotContain("us-east-1");
            } finally {
                ((AutoCloseable) model).close();
            }
        }
    }

    @Test
    void theContextRegionIsEnoughWhenNoAwsRegionIsSet() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
            set("aws.secretAccessKey", "fake-secret");
            set("aws.endpointUrlBedrockAgentRuntime", server.endpoint().toString());
            server.script("AGENT1/ALIAS1", BedrockReply.text("```python\nprint(1)\n```"));

            ChatModel agent = ProviderLookup.chatModels()
                    .named("--model")
                    .create(
                            "bedrock-agent:AGENT1/ALIAS1",
                            ProviderContext.builder().region("ap-south-1").build());
            try {
                assertThat(agent.chat(ChatRequest.builder().user("one").build()).text())
                        .contains("print(1)");
                assertThat(server.requests().get(0).header("authorization")).contains("/ap-south-1/bedrock/");
            } finally {
                ((AutoCloseable) agent).close();
            }
        }
    }

    @Test
    void bedrockAgentWithoutAnAliasSaysTheForm() {
        assertThatThrownBy(() -> create("bedrock-agent:AGENT1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bedrock-agent:AGENT_ID/ALIAS_ID");
    }

    @Test
    void defaultIsTheDefaultChain() {
        assertThat(BedrockChatModelProvider.ids("bedrock:default")).isEqualTo(BedrockModels.DEFAULT_FALLBACK);
    }

    @Test
    void noRegionIsAOneLineConfigurationErrorSayingWhatToSet() {
        set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
        set("aws.secretAccessKey", "fake-secret");

        assertThatThrownBy(() -> create("bedrock:" + BedrockModels.CLAUDE_3_HAIKU))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AWS_REGION")
                .hasMessageContaining("--region")
                .hasMessageNotContaining("\n");
    }

    @Test
    void noCredentialsIsAOneLineConfigurationErrorSayingWhatToSet() {
        set("aws.region", "us-east-1");

        assertThatThrownBy(() -> create("bedrock:" + BedrockModels.CLAUDE_3_HAIKU))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anEmptyIdIsRejectedWithTheFormToWrite() {
        assertThatThrownBy(() -> create("bedrock:")).hasMessageContaining("bedrock:default");
        assertThatThrownBy(() -> create("bedrock:a,,b")).hasMessageContaining("empty model id");
    }
}
