package dev.agentic.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretRef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A GetSecretValue answer the client cannot read (cut off, badly escaped, not JSON after the value, unquoted)
 * fails as a {@link SecretException} in which the secret value shows nowhere: not in its message, not in any
 * cause's message, not in the printed stack trace. (The SDK's parser quotes an unquoted value in its message.)
 */
class SecretsManagerBrokenResponseTest {
    private static final String VALUE = "sk_live_leaky_value_27182818";

    private final AtomicReference<String> body = new AtomicReference<>();
    private HttpServer server;
    private SecretsManagerClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"Name\":\"db\",\"SecretString\":\"VALUE",
                "{\"Name\":\"db\",\"SecretString\":\"VALUE\\q\"}",
                "{\"Name\":\"db\",\"SecretString\":\"VALUE\" garbage VALUE",
                "{\"Name\":\"db\",\"SecretString\":VALUE}"
            })
    void anUnreadableAnswerDoesNotPutTheValueInTheException(String template) {
        body.set(template.replace("VALUE", VALUE));
        SecretsManagerSecretProvider secrets = SecretsManagerSecretProvider.builder()
                .client(client)
                .cacheTtl(Duration.ZERO)
                .build();

        SecretException e = catchThrowableOfType(SecretException.class, () -> secrets.resolve(SecretRef.of("db")));

        assertThat(e).isNotNull();
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString())
                .contains("SecretException")
                .contains("SdkClientException (message withheld")
                .doesNotContain(VALUE);
    }
}
