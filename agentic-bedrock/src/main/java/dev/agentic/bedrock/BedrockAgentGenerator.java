package dev.agentic.bedrock;

import dev.agentic.bedrock.internal.AgentChatModel;
import dev.agentic.bedrock.internal.BedrockErrors;
import dev.agentic.bedrock.internal.ClientSettings;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Generator;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Task;
import dev.agentic.core.annotation.Experimental;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClientBuilder;

/**
 * A hosted Amazon Bedrock Agent as the code writer, through {@code InvokeAgent}. Prompts, repair feedback and
 * code extraction are exactly {@link ModelGenerator}'s; each generation sends the prompt as the agent's input
 * text and assembles its {@code chunk} events. The agent keeps the conversation in its session: one session
 * id per {@link dev.agentic.core.Conversation}, derived from the conversation's first task, so follow-ups and
 * repairs reach the same session (two conversations of one generator that begin with the same task
 * description share a session). Token usage is not reported by InvokeAgent and counts as zero.
 *
 * <p>Clients: give a region (and optionally credentials and an endpoint) and the generator builds an async
 * client (HTTP/1.1), closed by {@link #close()}; or pass your own, which stays yours. Thread-safe.
 *
 * <pre>{@code
 * try (BedrockAgentGenerator agent = BedrockAgentGenerator.builder()
 *         .agentId("AGENT123").aliasId("ALIAS456").region("us-east-1").build()) {
 *     Orchestrator orchestrator = Orchestrator.builder().generator(agent) … .build();
 * }
 * }</pre>
 */
@Experimental
public final class BedrockAgentGenerator implements Generator, AutoCloseable {
    private final BedrockAgentRuntimeAsyncClient client;
    private final boolean ownsClient;
    private final String agentId;
    private final String aliasId;
    private final String salt = UUID.randomUUID().toString();

    private BedrockAgentGenerator(
            BedrockAgentRuntimeAsyncClient client, boolean ownsClient, String agentId, String aliasId) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.agentId = agentId;
        this.aliasId = aliasId;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        return ModelGenerator.builder()
                .model(new AgentChatModel(client, agentId, aliasId, sessionId(request)))
                .build()
                .generate(request);
    }

    /** The session of the conversation: named after its first task, and unique to this generator. */
    String sessionId(GenerationRequest request) {
        Task first = request.history().isEmpty()
                ? request.task()
                : request.history().get(0).task();
        return UUID.nameUUIDFromBytes((salt + "\n" + first.description()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Closes the client this generator built (not one passed to its builder). */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "BedrockAgentGenerator[" + agentId + "/" + aliasId + "]";
    }

    /** Builder for {@link BedrockAgentGenerator}; not thread-safe. Agent id and alias id are required. */
    public static final class Builder {
        private String agentId;
        private String aliasId;
        private Region region;
        private AwsCredentialsProvider credentials;
        private URI endpoint;
        private BedrockAgentRuntimeAsyncClient client;

        private Builder() {}

        /** The agent's id. Required. */
        public Builder agentId(String agentId) {
            this.agentId = Objects.requireNonNull(agentId, "agentId");
            return this;
        }

        /** The agent alias's id. Required. */
        public Builder aliasId(String aliasId) {
            this.aliasId = Objects.requireNonNull(aliasId, "aliasId");
            return this;
        }

        /** The region of the client this generator builds; default: the AWS chain. */
        public Builder region(String region) {
            this.region = Region.of(Objects.requireNonNull(region, "region"));
            return this;
        }

        /** The credentials of the client this generator builds; default: the AWS default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The endpoint of the client this generator builds; default: the standard settings or AWS. */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** A client you built and close yourself. */
        public Builder client(BedrockAgentRuntimeAsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @throws ConfigurationException when an id is missing or no region is configured for a new client */
        public BedrockAgentGenerator build() {
            if (agentId == null || aliasId == null) {
                throw new ConfigurationException(
                        "BedrockAgentGenerator needs the agent's ids: call .agentId(\"…\") and .aliasId(\"…\")");
            }
            if (client != null) {
                return new BedrockAgentGenerator(client, false, agentId, aliasId);
            }
            try {
                BedrockAgentRuntimeAsyncClientBuilder b =
                        ClientSettings.apply(BedrockAgentRuntimeAsyncClient.builder(), region, credentials, endpoint);
                return new BedrockAgentGenerator(b.build(), true, agentId, aliasId);
            } catch (SdkException e) {
                throw new ConfigurationException("Cannot create the Bedrock Agent client: "
                        + BedrockErrors.clean(e.getMessage()) + " Set AWS_REGION, or call .region(\"us-east-1\").");
            }
        }
    }
}
