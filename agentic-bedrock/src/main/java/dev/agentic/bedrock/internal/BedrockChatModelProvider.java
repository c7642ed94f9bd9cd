package dev.agentic.bedrock.internal;

import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.bedrock.BedrockModels;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.spi.ChatModelProvider;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code bedrock:MODEL_ID[,MODEL_ID…]} and {@code bedrock:default}: Bedrock models configured by the standard
 * AWS settings (credentials, region, {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} / {@code AWS_ENDPOINT_URL}); a
 * list is a fallback chain, {@code default} is {@link BedrockModels#defaultFallback}. The context's
 * {@link ProviderContext#region() region} ({@code agentic run --region}) takes precedence over the AWS region
 * chain. Checks that a region and
 * credentials are configured before it builds anything, so a missing setting is a one-line
 * {@link ConfigurationException}. The model it returns is closeable and closes its clients. Stateless.
 */
public final class BedrockChatModelProvider implements ChatModelProvider {
    private static final String SCHEME = "bedrock";

    @Override
    public String usage() {
        return "bedrock:MODEL_ID[,MODEL_ID...]  Amazon Bedrock model(s), a list is a fallback chain; "
                + "bedrock:default is Claude 3.7 Sonnet -> Nova Premier -> Claude 3.5 Sonnet";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public ChatModel create(String spec, ProviderContext context) {
        List<String> ids = ids(spec);
        Optional<String> region = region(spec, context);
        checkCredentials(spec);
        BedrockChatModel.Builder builder = BedrockChatModel.builder().modelId(ids.get(0));
        region.ifPresent(builder::region);
        BedrockChatModel first = builder.build();
        if (ids.size() == 1) {
            return first;
        }
        return new ClosingChain(BedrockModels.fallback(first, ids), first);
    }

    static List<String> ids(String spec) {
        String argument = ProviderSpecs.argument(spec, SCHEME).trim();
        if (argument.isEmpty()) {
            throw new ConfigurationException("--model bedrock: needs a model id, e.g. bedrock:"
                    + BedrockModels.CLAUDE_3_7_SONNET + ", a comma-separated list, or bedrock:default");
        }
        if (argument.equals("default")) {
            return BedrockModels.DEFAULT_FALLBACK;
        }
        List<String> ids = new ArrayList<>();
        for (String id : argument.split(",", -1)) {
            if (id.isBlank()) {
                throw new ConfigurationException("--model " + spec + " has an empty model id; write "
                        + "bedrock:ID1,ID2 without empty entries.");
            }
            ids.add(id.trim());
        }
        return ids;
    }

    /**
     * The context's region, which the clients are built with; empty when the AWS region chain applies.
     *
     * @throws ConfigurationException when neither the context nor the AWS region chain names a region
     */
    static Optional<String> region(String spec, ProviderContext context) {
        Optional<String> region = context.region();
        if (region.isPresent()) {
            return region;
        }
        try {
            new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            throw new ConfigurationException("--model " + spec + " needs an AWS region: pass --region, or set "
                    + "AWS_REGION (or a region in the AWS profile), e.g. AWS_REGION=us-east-1.");
        }
        return Optional.empty();
    }

    static void checkCredentials(String spec) {
        if (System.getenv("AWS_BEARER_TOKEN_BEDROCK") != null || System.getProperty("aws.bearerTokenBedrock") != null) {
            return;
        }
        try (DefaultCredentialsProvider credentials =
                DefaultCredentialsProvider.builder().build()) {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new ConfigurationException("--model " + spec + " needs AWS credentials: set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or AWS_BEARER_TOKEN_BEDROCK.");
        }
    }
}
