package dev.agentic.storage;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3proxy with a {@link ConditionalWriteGate} in front: S3 semantics including conditional writes, reached by a
 * real {@link S3Client}. {@link #stop()} and {@link #restart()} take the gate away, so clients see connections
 * refused while the objects stay.
 */
final class GatedS3 implements AutoCloseable {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    final S3ProxyServer proxy;
    final ConditionalWriteGate gate;
    final S3Client client;

    GatedS3() throws Exception {
        proxy = new S3ProxyServer(false);
        gate = new ConditionalWriteGate(proxy.endpoint());
        client = S3ProxyServer.client(gate.endpoint());
    }

    /** A new, empty bucket. */
    String newBucket() {
        String bucket = "bucket-" + BUCKETS.incrementAndGet();
        proxy.createBucket(bucket);
        return bucket;
    }

    URI endpoint() {
        return gate.endpoint();
    }

    void stop() {
        gate.stop();
    }

    void restart() throws Exception {
        gate.restart();
    }

    @Override
    public void close() throws Exception {
        client.close();
        gate.close();
        proxy.close();
    }
}
