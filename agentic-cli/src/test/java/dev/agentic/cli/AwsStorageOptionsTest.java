package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.testkit.aws.FakeSecretsManagerServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store s3://…} and {@code --secret NAME=secretsmanager:…} against s3proxy and the fake Secrets Manager,
 * reached through the standard AWS endpoint settings ({@code aws.endpointUrlS3},
 * {@code aws.endpointUrlSecretsManager}) as a user's environment would set them; then {@code agentic records}
 * reads the run back from the bucket.
 */
class AwsStorageOptionsTest {
    private static final Map<String, String> AWS_SETTINGS = Map.of(
            "aws.region", "us-east-1",
            "aws.accessKeyId", "agentic-access",
            "aws.secretAccessKey", "agentic-secret",
            "aws.requestChecksumCalculation", "when_required",
            "aws.responseChecksumValidation", "when_required");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private BlobStoreContext blobs;
    private S3Proxy s3;
    private FakeSecretsManagerServer secrets;

    @BeforeEach
    void start() throws Exception {
        blobs = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, "records");
        s3 = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "agentic-access", "agentic-secret")
                .build();
        s3.start();
        while (!AbstractLifeCycle.STARTED.equals(s3.getState())) {
            Thread.sleep(1);
        }
        secrets = FakeSecretsManagerServer.start();
        AWS_SETTINGS.forEach(System::setProperty);
        System.setProperty("aws.endpointUrlS3", "http://127.0.0.1:" + s3.getPort());
        System.setProperty("aws.endpointUrlSecretsManager", secrets.endpoint().toString());
    }

    @AfterEach
    void stop() throws Exception {
        AWS_SETTINGS.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrlS3");
        System.clearProperty("aws.endpointUrlSecretsManager");
        secrets.close();
        s3.stop();
        blobs.close();
    }

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aRunStoresItsRecordsInS3WithASecretFromSecretsManagerAndRecordsReadsThemBack() throws Exception {
        secrets.putSecretString("agentic-api-developer/stripe/test-key", "{\"api_key\":\"sk_test_cli_4242\"}");
        Path answer = Files.writeString(
                dir.resolve("a.md"), "```python\nimport os\nprint('key ' + os.environ['STRIPE_API_KEY'])\n```\n");
        String store = "s3://records/team-a?sse=none&spool=" + dir.resolve("spool");

        int code = run(
                "run",
                "Create a Stripe customer",
                "--model",
                "scripted:" + answer,
                "--integration",
                "stripe",
                "--secret",
                "STRIPE_API_KEY=secretsmanager:agentic-api-developer/stripe/test-key#api_key",
                "--store",
                store,
                "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.at("/result/stdout").asText()).isEqualTo("key [REDACTED]\n");
        assertThat(secrets.requests()).hasSize(1);
        assertThat(blobs.getBlobStore()
                        .list(
                                "records",
                                ListContainerOptions.Builder.prefix("team-a/executions/stripe/")
                                        .recursive())
                        .size())
                .isEqualTo(1);

        out.getBuffer().setLength(0);
        assertThat(run("records", "--store", store, "--integration", "stripe"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("SUCCEEDED", "Create a Stripe customer", "executions/stripe/success_");
        String key = out.toString()
                .lines()
                .filter(l -> l.contains("executions/"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*(executions/\\S+).*", "$1");

        out.getBuffer().setLength(0);
        assertThat(run("records", "show", key, "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("status:       SUCCEEDED", "key [REDACTED]", "integration:  stripe")
                .doesNotContain("sk_test_cli_4242");
    }

    @Test
    void anUnknownSecretInSecretsManagerFailsTheRunNamingTheSecret() throws Exception {
        Path answer = Files.writeString(dir.resolve("a.md"), "```python\nprint(1)\n```\n");

        int code = run(
                "run",
                "x",
                "--model",
                "scripted:" + answer,
                "--secret",
                "K=secretsmanager:no/such/secret",
                "--store",
                dir.resolve("runs").toString());

        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        assertThat(err.toString()).contains("no/such/secret", "was not found");
    }
}
