package dev.agentic.cli.demo;

import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.testkit.aws.FakeAgentCoreServer;
import dev.agentic.testkit.aws.FakeBedrockServer;
import dev.agentic.testkit.aws.FakeSecretsManagerServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * Every AWS service of the API-developer system served on this machine, for {@code agentic demo aws} and the
 * examples' tests: the testkit's {@link FakeBedrockServer} and {@link FakeSecretsManagerServer}, and s3proxy
 * (in this JVM, objects in memory) as S3, each on 127.0.0.1 at a free port.
 *
 * <p>Nothing here changes how the SDK builds its clients: {@link #settings()} are the standard AWS settings
 * (the JVM system-property form of {@code AWS_REGION}, the credentials and {@code AWS_ENDPOINT_URL_*}) that
 * point the default clients at these stand-ins, and {@link #apply()} sets them for the duration of a run.
 *
 * <p>Thread-safe. {@link #close()} stops the three servers and drops the stored objects.
 */
@Internal
public final class LocalAws implements AutoCloseable {
    /** The access key id s3proxy accepts; the fakes accept any. Not a secret: it opens nothing but these. */
    public static final String ACCESS_KEY_ID = "AKIALOCALSTANDIN0001";

    private static final String SECRET_ACCESS_KEY = "local-stand-in-secret-access-key";

    private final FakeBedrockServer bedrock;
    private final FakeSecretsManagerServer secrets;
    private final BlobStoreContext blobs;
    private final S3Proxy s3;
    private volatile FakeAgentCoreServer agentCore;

    private LocalAws(FakeBedrockServer bedrock, FakeSecretsManagerServer secrets, BlobStoreContext blobs, S3Proxy s3) {
        this.bedrock = bedrock;
        this.secrets = secrets;
        this.blobs = blobs;
        this.s3 = s3;
    }

    /** Starts the three stand-ins; the bucket {@code bucket} exists and is empty. */
    public static LocalAws start(String bucket) {
        FakeBedrockServer bedrock = FakeBedrockServer.start();
        FakeSecretsManagerServer secrets = null;
        BlobStoreContext blobs = null;
        try {
            secrets = FakeSecretsManagerServer.start();
            blobs = ContextBuilder.newBuilder("transient")
                    .credentials("identity", "credential")
                    .overrides(new Properties())
                    .build(BlobStoreContext.class);
            blobs.getBlobStore().createContainerInLocation(null, bucket);
            S3Proxy s3 = S3Proxy.builder()
                    .blobStore(blobs.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                    .build();
            s3.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!AbstractLifeCycle.STARTED.equals(s3.getState())) {
                if (System.nanoTime() > deadline || AbstractLifeCycle.FAILED.equals(s3.getState())) {
                    throw new IllegalStateException("s3proxy did not start on 127.0.0.1 (state " + s3.getState() + ")");
                }
                Thread.sleep(5);
            }
            return new LocalAws(bedrock, secrets, blobs, s3);
        } catch (Exception e) {
            bedrock.close();
            if (secrets != null) {
                secrets.close();
            }
            if (blobs != null) {
                blobs.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start s3proxy: " + e, e);
        }
    }

    /** The fake Bedrock Runtime (and Agent Runtime); script its models before a run. */
    public FakeBedrockServer bedrock() {
        return bedrock;
    }

    /**
     * Starts the fake AgentCore Code Interpreter, running code in {@code sandbox} (which stays the caller's),
     * and adds its endpoint to {@link #settings()}. Call before {@link #apply()}.
     */
    public synchronized FakeAgentCoreServer startAgentCore(Sandbox sandbox) {
        if (agentCore != null) {
            throw new IllegalStateException("the fake AgentCore is already started");
        }
        agentCore = FakeAgentCoreServer.start(sandbox);
        return agentCore;
    }

    /** The fake Secrets Manager; put the secrets a run needs. */
    public FakeSecretsManagerServer secrets() {
        return secrets;
    }

    /** s3proxy's endpoint, {@code http://127.0.0.1:PORT}. */
    public URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3.getPort());
    }

    /**
     * Every object in {@code bucket} with its bytes, read straight from the S3 server's storage (not through
     * the SDK), keys in order.
     */
    public Map<String, byte[]> objects(String bucket) {
        BlobStore store = blobs.getBlobStore();
        Map<String, byte[]> objects = new TreeMap<>();
        for (StorageMetadata m : store.list(bucket, ListContainerOptions.Builder.recursive())) {
            Blob blob = store.getBlob(bucket, m.getName());
            if (blob == null) {
                continue;
            }
            try (InputStream in = blob.getPayload().openStream()) {
                objects.put(m.getName(), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + m.getName() + " from s3proxy", e);
            }
        }
        return objects;
    }

    /**
     * The standard AWS settings, as JVM system properties, that send the default AWS clients to these
     * stand-ins: region, static credentials, one endpoint per service, and checksums only where required
     * (s3proxy does not take the trailing checksums the S3 client sends by default). The environment
     * variable of each is {@link #environmentName(String)}.
     */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("aws.region", "us-east-1");
        s.put("aws.accessKeyId", ACCESS_KEY_ID);
        s.put("aws.secretAccessKey", SECRET_ACCESS_KEY);
        s.put("aws.endpointUrlBedrockRuntime", bedrock.endpoint().toString());
        s.put("aws.endpointUrlBedrockAgentRuntime", bedrock.endpoint().toString());
        s.put("aws.endpointUrlSecretsManager", secrets.endpoint().toString());
        s.put("aws.endpointUrlS3", s3Endpoint().toString());
        if (agentCore != null) {
            s.put("aws.endpointUrlBedrockAgentCore", agentCore.endpoint().toString());
        }
        s.put("aws.requestChecksumCalculation", "when_required");
        s.put("aws.responseChecksumValidation", "when_required");
        return s;
    }

    /** The environment variable of a setting of {@link #settings()}, e.g. {@code AWS_ENDPOINT_URL_S3}. */
    public static String environmentName(String property) {
        return switch (property) {
            case "aws.region" -> "AWS_REGION";
            case "aws.accessKeyId" -> "AWS_ACCESS_KEY_ID";
            case "aws.secretAccessKey" -> "AWS_SECRET_ACCESS_KEY";
            case "aws.endpointUrlBedrockRuntime" -> "AWS_ENDPOINT_URL_BEDROCK_RUNTIME";
            case "aws.endpointUrlBedrockAgentRuntime" -> "AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME";
            case "aws.endpointUrlSecretsManager" -> "AWS_ENDPOINT_URL_SECRETS_MANAGER";
            case "aws.endpointUrlS3" -> "AWS_ENDPOINT_URL_S3";
            case "aws.endpointUrlBedrockAgentCore" -> "AWS_ENDPOINT_URL_BEDROCK_AGENTCORE";
            case "aws.requestChecksumCalculation" -> "AWS_REQUEST_CHECKSUM_CALCULATION";
            case "aws.responseChecksumValidation" -> "AWS_RESPONSE_CHECKSUM_VALIDATION";
            default -> throw new IllegalArgumentException("not a setting of LocalAws: " + property);
        };
    }

    /**
     * Sets {@link #settings()} as system properties until the returned handle is closed, which restores what
     * was there before. Not for concurrent use with other code that sets the same properties.
     */
    public Applied apply() {
        Map<String, String> previous = new LinkedHashMap<>();
        settings().forEach((k, v) -> {
            previous.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        return () -> previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    /** Restores the system properties {@link #apply()} replaced. */
    @FunctionalInterface
    public interface Applied extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void close() {
        try {
            s3.stop();
        } catch (Exception e) {
            // stopping an in-process server; nothing to recover
        } finally {
            if (agentCore != null) {
                agentCore.close();
            }
            blobs.close();
            secrets.close();
            bedrock.close();
        }
    }
}
