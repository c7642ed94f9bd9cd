package dev.agentic.bedrock;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** Real AWS SDK clients pointed at a fake server, with static fake credentials and a fixed region. */
final class FakeClients {
    static final String ACCESS_KEY_ID = "AKIAFAKEFAKEFAKE1234";
    static final String SECRET_KEY = "fake/secret+value/that-must-never-show";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_KEY));

    private FakeClients() {}

    /** A sync client that does not retry, so failures come back at once. */
    static BedrockRuntimeClient sync(URI endpoint) {
        return BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** An HTTP/1.1 async client that does not retry. */
    static BedrockRuntimeAsyncClient async(URI endpoint) {
        return async(endpoint, AwsRetryStrategy.doNotRetry());
    }

    /** An HTTP/1.1 async client that retries up to 4 attempts without waiting, as the SDK does by default. */
    static BedrockRuntimeAsyncClient asyncRetrying(URI endpoint) {
        return async(
                endpoint,
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(4)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .build());
    }

    private static BedrockRuntimeAsyncClient async(URI endpoint, RetryStrategy retries) {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(o -> o.retryStrategy(retries))
                .build();
    }
}
