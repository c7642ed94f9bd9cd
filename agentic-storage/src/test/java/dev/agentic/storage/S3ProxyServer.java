package dev.agentic.storage;

import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * s3proxy in this JVM on 127.0.0.1 over jclouds' transient (in-memory) blob store. {@link #stop()} and
 * {@link #restart()} take the server away and bring it back on the same port with the same objects, for outage
 * tests.
 */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "agentic-access";
    static final String SECRET_KEY = "agentic-secret";

    private final BlobStoreContext context;
    private final boolean signed;
    private S3Proxy proxy;
    private int port;

    /** A server that checks AWS signatures. */
    S3ProxyServer() throws Exception {
        this(true);
    }

    /** @param signed whether requests must be signed; false for a server behind {@link ConditionalWriteGate} */
    S3ProxyServer(boolean signed) throws Exception {
        this.signed = signed;
        Properties properties = new Properties();
        context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .overrides(properties)
                .build(BlobStoreContext.class);
        start(0);
    }

    private void start(int wanted) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + wanted))
                .awsAuthentication(
                        signed ? AuthenticationType.AWS_V2_OR_V4 : AuthenticationType.NONE, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            Thread.sleep(1);
        }
        port = proxy.getPort();
    }

    BlobStore blobStore() {
        return context.getBlobStore();
    }

    void createBucket(String bucket) {
        blobStore().createContainerInLocation(null, bucket);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** A real S3 client for this server: path style, plain (not aws-chunked) bodies, short timeouts. */
    S3Client client() {
        return client(endpoint());
    }

    /** {@link #client()} for a server at {@code endpoint}, such as a {@link ConditionalWriteGate} in front. */
    static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .httpClientBuilder(ApacheHttpClient.builder().expectContinueEnabled(false))
                .build();
    }

    void stop() throws Exception {
        proxy.stop();
    }

    void restart() throws Exception {
        start(port);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
