package dev.agentic.storage;

import cloud.localstack.Localstack;
import cloud.localstack.docker.annotation.LocalstackDockerConfiguration;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One LocalStack container for the test JVM, started through localstack-utils on first use and stopped when the
 * JVM exits. Without a Docker engine it refuses to start with one message saying so.
 */
final class LocalStackServer {
    static final String NO_DOCKER = "LocalStack needs a Docker engine; none found (`docker info` did not answer)."
            + " Start Docker, or build without -Plocalstack.";

    private static URI endpoint;

    private LocalStackServer() {}

    /** The edge endpoint of the running container, starting it on the first call. */
    static synchronized URI endpoint() {
        if (endpoint == null) {
            if (!dockerAnswers()) {
                throw new IllegalStateException(NO_DOCKER);
            }
            Localstack.INSTANCE.startup(
                    LocalstackDockerConfiguration.builder().randomizePorts(true).build());
            Runtime.getRuntime().addShutdownHook(new Thread(Localstack.INSTANCE::stop, "localstack-stop"));
            endpoint = URI.create(Localstack.INSTANCE.getEndpointS3());
        }
        return endpoint;
    }

    /** A real S3 client for LocalStack: path style, plain bodies, as for s3proxy. */
    static S3Client s3() {
        return S3ProxyServer.client(endpoint());
    }

    /** A real Secrets Manager client for LocalStack. */
    static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private static boolean dockerAnswers() {
        try {
            Process docker = new ProcessBuilder("docker", "info")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!docker.waitFor(30, TimeUnit.SECONDS)) {
                docker.destroyForcibly();
                return false;
            }
            return docker.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
