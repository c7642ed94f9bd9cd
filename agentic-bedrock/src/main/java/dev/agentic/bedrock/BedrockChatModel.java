package dev.agentic.bedrock;

import dev.agentic.bedrock.internal.BedrockErrors;
import dev.agentic.bedrock.internal.ClientSettings;
import dev.agentic.bedrock.internal.ConverseAnswers;
import dev.agentic.bedrock.internal.ConverseRequests;
import dev.agentic.bedrock.internal.StreamAssembler;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.StreamListener;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;

/**
 * A model on Amazon Bedrock, called through the Converse API: {@link #chat(ChatRequest)} uses the synchronous
 * {@code Converse} operation, {@link #chat(ChatRequest, StreamListener)} the streaming {@code ConverseStream}.
 * Text, tool calls (both ways), the system prompt, max tokens, temperature, top-p and stop sequences are sent;
 * the answer's text and tool calls, stop reason, token usage (prompt-cache reads and writes included) and the
 * model id come back.
 *
 * <p><b>Clients.</b> Give a region and optionally a credentials provider and endpoint, and the model builds
 * its own clients; give none of them and the standard AWS configuration chain applies (environment, system
 * properties, profiles, {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} / {@code AWS_ENDPOINT_URL}). Or pass your own
 * {@link BedrockRuntimeClient} and {@link BedrockRuntimeAsyncClient}. {@link #close()} closes only the clients
 * this model built; yours stay yours.
 *
 * <p><b>HTTP protocol.</b> The async client this model builds speaks HTTP/1.1, over {@code https://} and
 * {@code http://} alike: ConverseStream needs no HTTP/2, and HTTP/1.1 works against every endpoint, including
 * a local {@code http://} server (the SDK's default async client would open {@code http://} endpoints with
 * HTTP/2 prior knowledge, which most local servers refuse). For HTTP/2, pass your own async client; if it
 * meets an endpoint that does not speak h2c, the failure says so and what to change.
 *
 * <p><b>Errors</b> are {@link dev.agentic.core.model.ModelException}s: throttling, model not ready and quota
 * exceeded are {@code THROTTLED}; service unavailable {@code UNAVAILABLE}; model timeout {@code TIMEOUT};
 * internal, model and model-stream errors {@code SERVER_ERROR} (all retryable); validation errors
 * {@code INVALID_REQUEST} or, for too long an input, {@code CONTEXT_TOO_LONG}; access denied
 * {@code ACCESS_DENIED}; an unknown model {@code MODEL_NOT_FOUND}. Messages name the model, the AWS error code
 * and the request id, and mask access key ids. A stream that ends without {@code messageStop} fails as
 * {@code SERVER_ERROR}; when the SDK retries a stream after an in-stream throttle, text already streamed is
 * not streamed again. The SDK's own retries (by default up to 3 more attempts) run inside one call.
 *
 * <p><b>Threads.</b> Thread-safe; calls may run concurrently. Stream callbacks run on the calling thread, in
 * order.
 *
 * <pre>{@code
 * try (BedrockChatModel model = BedrockChatModel.builder()
 *         .modelId(BedrockModels.CLAUDE_3_7_SONNET)
 *         .region("us-east-1")
 *         .build()) {
 *     ChatResponse answer = model.chat(ChatRequest.builder().user("Say hello").build());
 * }
 * }</pre>
 */
@Experimental
public final class BedrockChatModel implements ChatModel, AutoCloseable {
    private final String modelId;
    private final Double topP;
    private final BedrockRuntimeClient client;
    private final BedrockRuntimeAsyncClient asyncClient;
    private final boolean ownsClient;
    private final boolean ownsAsyncClient;

    private BedrockChatModel(
            String modelId,
            Double topP,
            BedrockRuntimeClient client,
            BedrockRuntimeAsyncClient asyncClient,
            boolean ownsClient,
            boolean ownsAsyncClient) {
        this.modelId = modelId;
        this.topP = topP;
        this.client = client;
        this.asyncClient = asyncClient;
        this.ownsClient = ownsClient;
        this.ownsAsyncClient = ownsAsyncClient;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same clients and settings for another model id. The copy owns no clients: closing it does nothing,
     * and it works until this model is closed.
     */
    public BedrockChatModel withModelId(String otherModelId) {
        Objects.requireNonNull(otherModelId, "otherModelId");
        return new BedrockChatModel(otherModelId, topP, client, asyncClient, false, false);
    }

    @Override
    public String id() {
        return modelId;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        ConverseRequest.Builder b = ConverseRequest.builder()
                .modelId(modelId)
                .messages(ConverseRequests.messages(request))
                .system(ConverseRequests.system(request))
                .inferenceConfig(ConverseRequests.inference(request, Optional.ofNullable(topP)));
        ConverseRequests.tools(request).ifPresent(b::toolConfig);
        try {
            return ConverseAnswers.response(client.converse(b.build()), modelId);
        } catch (SdkException e) {
            throw BedrockErrors.map(e, modelId);
        }
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        ConverseStreamRequest.Builder b = ConverseStreamRequest.builder()
                .modelId(modelId)
                .messages(ConverseRequests.messages(request))
                .system(ConverseRequests.system(request))
                .inferenceConfig(ConverseRequests.inference(request, Optional.ofNullable(topP)));
        ConverseRequests.tools(request).ifPresent(b::toolConfig);
        StreamAssembler assembler = new StreamAssembler(modelId);
        try {
            return assembler.await(asyncClient.converseStream(b.build(), assembler.handler()), listener);
        } catch (SdkException e) {
            throw BedrockErrors.map(e, modelId);
        }
    }

    /** Closes the clients this model built (not those passed to its builder). */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
        if (ownsAsyncClient) {
            asyncClient.close();
        }
    }

    @Override
    public String toString() {
        return "BedrockChatModel[" + modelId + "]";
    }

    /**
     * Builder for {@link BedrockChatModel}; not thread-safe. {@link #modelId} is required; everything else is
     * optional (see the class comment for how clients are chosen).
     */
    public static final class Builder {
        private String modelId;
        private Region region;
        private AwsCredentialsProvider credentials;
        private URI endpoint;
        private Double topP;
        private BedrockRuntimeClient client;
        private BedrockRuntimeAsyncClient asyncClient;

        private Builder() {}

        /** The model or inference profile id, e.g. {@link BedrockModels#CLAUDE_3_7_SONNET}. Required. */
        public Builder modelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            return this;
        }

        /** The region of the clients this model builds, e.g. {@code us-east-1}; default: the AWS chain. */
        public Builder region(String region) {
            this.region = Region.of(Objects.requireNonNull(region, "region"));
            return this;
        }

        /** The credentials of the clients this model builds; default: the AWS default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The endpoint of the clients this model builds; default: the standard endpoint settings or AWS. */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** Nucleus sampling (0..1) sent with every request; default: the model's own. */
        public Builder topP(double topP) {
            if (topP < 0 || topP > 1) {
                throw new ConfigurationException("BedrockChatModel.topP must be within 0..1, was " + topP);
            }
            this.topP = topP;
            return this;
        }

        /** A client you built and close yourself, for {@link BedrockChatModel#chat(ChatRequest)}. */
        public Builder client(BedrockRuntimeClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** An async client you built and close yourself, for streaming calls. */
        public Builder asyncClient(BedrockRuntimeAsyncClient asyncClient) {
            this.asyncClient = Objects.requireNonNull(asyncClient, "asyncClient");
            return this;
        }

        /**
         * Builds the model, and the clients it was not given.
         *
         * @throws ConfigurationException when no model id was given, or a client must be built and no region
         *     is configured anywhere
         */
        public BedrockChatModel build() {
            if (modelId == null || modelId.isBlank()) {
                throw new ConfigurationException("BedrockChatModel needs a model id: call .modelId(\"…\"), e.g. "
                        + "BedrockModels.CLAUDE_3_7_SONNET");
            }
            BedrockRuntimeClient sync = client;
            BedrockRuntimeAsyncClient async = asyncClient;
            try {
                if (sync == null) {
                    BedrockRuntimeClientBuilder b = BedrockRuntimeClient.builder();
                    ClientSettings.apply(b, region, credentials, endpoint);
                    sync = b.build();
                }
                if (async == null) {
                    BedrockRuntimeAsyncClientBuilder b = BedrockRuntimeAsyncClient.builder()
                            .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1));
                    ClientSettings.apply(b, region, credentials, endpoint);
                    async = b.build();
                }
            } catch (SdkException e) {
                if (sync != null && client == null) {
                    sync.close();
                }
                throw new ConfigurationException("Cannot create the Bedrock client for " + modelId + ": "
                        + BedrockErrors.clean(e.getMessage()) + " Set AWS_REGION (or a profile's region), or call "
                        + "BedrockChatModel.builder().region(\"us-east-1\").");
            }
            return new BedrockChatModel(modelId, topP, sync, async, client == null, asyncClient == null);
        }
    }
}
