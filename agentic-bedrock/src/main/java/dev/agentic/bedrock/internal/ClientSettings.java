package dev.agentic.bedrock.internal;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The client settings a Bedrock builder takes — region, credentials, endpoint — applied to any AWS SDK client
 * builder; each left unset keeps the SDK's standard chain. Stateless.
 */
public final class ClientSettings {
    private ClientSettings() {}

    /**
     * Applies the settings that were given (null means "not given") to {@code builder}.
     *
     * @return {@code builder}
     */
    public static <B extends AwsClientBuilder<B, ?>> B apply(
            B builder, Region region, AwsCredentialsProvider credentials, URI endpoint) {
        if (region != null) {
            builder.region(region);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
