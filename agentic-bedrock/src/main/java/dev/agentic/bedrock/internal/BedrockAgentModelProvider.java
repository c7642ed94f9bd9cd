package dev.agentic.bedrock.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.spi.ChatModelProvider;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClientBuilder;

/**
 * {@code bedrock-agent:AGENT_ID/ALIAS_ID}: a hosted Bedrock Agent as the model that writes the code, on the
 * standard AWS settings, with one agent session for the model's lifetime (one {@code agentic run}). The model
 * is closeable and closes its client. The context's {@link ProviderContext#region() region} ({@code agentic run
 * --region}) takes precedence over the AWS region chain. Stateless.
 */
public final class BedrockAgentModelProvider implements ChatModelProvider {
    private static final String SCHEME = "bedrock-agent";

    @Override
    public String usage() {
        return "bedrock-agent:AGENT_ID/ALIAS_ID  a hosted Amazon Bedrock Agent writes the code (InvokeAgent)";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public ChatModel create(String spec, ProviderContext context) {
        String[] ids = ProviderSpecs.argument(spec, SCHEME).trim().split("/", -1);
        if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
            throw new ConfigurationException(
                    "--model " + spec + " needs the agent's id and alias id: bedrock-agent:AGENT_ID/ALIAS_ID");
        }
        Optional<String> region = BedrockChatModelProvider.region(spec, context);
        BedrockChatModelProvider.checkCredentials(spec);
        BedrockAgentRuntimeAsyncClient client;
        try {
            BedrockAgentRuntimeAsyncClientBuilder builder = BedrockAgentRuntimeAsyncClient.builder();
            region.ifPresent(r -> builder.region(Region.of(r)));
            client = builder.build();
        } catch (SdkException e) {
            throw new ConfigurationException("--model " + spec + ": cannot create the Bedrock Agent client: "
                    + BedrockErrors.clean(e.getMessage()));
        }
        return new Owned(
                new AgentChatModel(client, ids[0], ids[1], UUID.randomUUID().toString()), client);
    }

    /** The agent model, closing its client. */
    private static final class Owned implements ChatModel, AutoCloseable {
        private final ChatModel model;
        private final BedrockAgentRuntimeAsyncClient client;

        Owned(ChatModel model, BedrockAgentRuntimeAsyncClient client) {
            this.model = model;
            this.client = client;
        }

        @Override
        public String id() {
            return model.id();
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            return model.chat(request);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
