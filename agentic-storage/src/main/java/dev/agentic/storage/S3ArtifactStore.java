package dev.agentic.storage;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ArtifactKeys;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactPage;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.ListRequest;
import dev.agentic.core.store.StorageException;
import dev.agentic.core.store.VariantWriter;
import dev.agentic.storage.internal.S3Objects;
import dev.agentic.storage.internal.Spool;
import dev.agentic.storage.internal.SpoolingWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * An {@link ArtifactStore} in an S3 bucket, under an optional key prefix, that loses nothing while S3 is
 * unreachable.
 *
 * <pre>{@code
 * try (S3ArtifactStore store = S3ArtifactStore.builder()
 *         .bucket("agentic-api-developer-artifacts")
 *         .prefix("prod/")
 *         .build()) {
 *     Orchestrator orchestrator = Orchestrator.builder().store(store)...build();
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Objects.</b> Key {@code K} is object {@code PREFIX + K}; the {@link ArtifactMetadata} content type is
 *       the object's {@code Content-Type} and its user metadata the {@code x-amz-meta-*} headers. Objects are
 *       encrypted with SSE-S3 (AES256) unless the builder says otherwise.</li>
 *   <li><b>Never overwrites.</b> {@link #putIfAbsent} is an S3 conditional write ({@code If-None-Match: *}); S3
 *       answers 412 when the key exists, so there is no read-then-write race. {@link #putNew} builds on it with
 *       a {@link VariantWriter}.</li>
 *   <li><b>Spool.</b> A write that still fails for a retryable reason after {@link Builder#maxAttempts}
 *       attempts with backoff is kept in a local spool directory (atomic files with the key and metadata) and
 *       uploaded, in order, before the next write, by {@link #flush()} and by {@link #close()}; the spool
 *       survives a restart and a crash in the middle of a flush. {@link #pending()} shows what waits. While S3
 *       cannot be asked, {@code putIfAbsent} and {@code putNew} treat a key as free unless a pending write holds
 *       it; if the key turns out to be taken when the spool is uploaded, the artifact goes to the key's next free
 *       variant and a warning names both keys. {@link #read} sees pending writes; {@link #list} shows only
 *       what S3 holds.</li>
 *   <li><b>Failures.</b> {@link StorageException}s name the bucket and key and say what to do (the IAM
 *       permission to grant, the bucket to create); {@code retryable()} is true for network faults, throttling
 *       and server errors.</li>
 * </ul>
 *
 * <p>Thread-safe. Close it when done: {@link #close()} uploads what it can, releases the spool and closes the
 * S3 client when the store built it (a client passed to {@link Builder#client} belongs to the caller). The
 * spool is opened on first use, not by {@link Builder#build()}.
 */
@Experimental
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3ArtifactStore.class);
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final String bucket;
    private final String prefix;
    private final S3Client client;
    private final boolean ownsClient;
    private final Path spoolDirectory;
    private final long spoolMaxBytes;
    private final SpoolingWriter writer;
    private final VariantWriter variants = VariantWriter.create();
    private Spool spool;
    private boolean closed;

    private S3ArtifactStore(Builder b, S3Client client, boolean ownsClient) {
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.client = client;
        this.ownsClient = ownsClient;
        this.spoolDirectory = b.spoolDirectory != null ? b.spoolDirectory : defaultSpool(b.bucket, b.prefix);
        this.spoolMaxBytes = b.spoolMaxBytes;
        S3Objects objects = new S3Objects(client, bucket, prefix, b.encryption, b.kmsKeyId);
        this.writer = new SpoolingWriter(objects, this::spool, b.maxAttempts, b.initialBackoff);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The spool a store of {@code bucket} and {@code prefix} uses by default: under {@code ~/.agentic/spool/s3}. */
    public static Path defaultSpool(String bucket, String prefix) {
        Path dir = Path.of(System.getProperty("user.home"), ".agentic", "spool", "s3", bucket);
        return prefix.isEmpty() ? dir : dir.resolve(prefix.replace('/', '_'));
    }

    @Override
    public void put(String key, byte[] content, ArtifactMetadata metadata) {
        check(key, content, metadata);
        writer.write(Spool.Mode.PUT, key, content.clone(), metadata);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content, ArtifactMetadata metadata) {
        check(key, content, metadata);
        return writer.write(Spool.Mode.CREATE, key, content.clone(), metadata);
    }

    @Override
    public String putNew(String key, byte[] content, ArtifactMetadata metadata) {
        return variants.putNew(this, key, content, metadata);
    }

    @Override
    public Optional<Artifact> read(String key) {
        ArtifactKeys.check(key);
        return writer.read(key);
    }

    @Override
    public ArtifactPage list(ListRequest request) {
        Objects.requireNonNull(request, "request");
        return writer.list(request);
    }

    @Override
    public boolean delete(String key) {
        ArtifactKeys.check(key);
        return writer.delete(key);
    }

    /**
     * Uploads every spooled write, oldest first.
     *
     * @throws StorageException when some remain; they stay in the spool for the next attempt
     */
    public void flush() {
        writer.flush();
    }

    /** The keys of the writes waiting in the spool, oldest first; empty when S3 has everything. */
    public List<String> pending() {
        return writer.pending();
    }

    /** The spool directory. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /**
     * Uploads what it can (a failure is logged; the writes stay in the spool for the next store on this
     * directory), releases the spool and closes the client the store built. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (spool != null && !spool.entries().isEmpty()) {
                writer.flush();
            }
        } catch (StorageException e) {
            LOG.warn(
                    "{} writes stay in the spool {} for later: {}",
                    spool.entries().size(),
                    spoolDirectory,
                    e.getMessage());
        } finally {
            closed = true;
            if (spool != null) {
                spool.close();
            }
            if (ownsClient) {
                client.close();
            }
        }
    }

    private synchronized Spool spool() {
        if (closed) {
            throw new StorageException(this + " is closed; create a new store.");
        }
        if (spool == null) {
            spool = Spool.open(spoolDirectory, spoolMaxBytes);
        }
        return spool;
    }

    private static void check(String key, byte[] content, ArtifactMetadata metadata) {
        ArtifactKeys.check(key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[s3://" + bucket + "/" + prefix + "]";
    }

    /** Builder for {@link S3ArtifactStore}; not thread-safe. {@link #bucket} is required, the rest optional. */
    public static final class Builder {
        private String bucket;
        private String prefix = "";
        private S3Client client;
        private Region region;
        private boolean forcePathStyle;
        private ServerSideEncryption encryption = ServerSideEncryption.AES256;
        private String kmsKeyId;
        private Path spoolDirectory;
        private long spoolMaxBytes = 256L << 20;
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);

        private Builder() {}

        /** Required: the bucket's name. */
        public Builder bucket(String bucket) {
            this.bucket = Objects.requireNonNull(bucket, "bucket");
            return this;
        }

        /** A key prefix such as {@code prod/} ('/' is added when missing); default none. */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
            return this;
        }

        /**
         * A client the caller built and closes. Default: a client from the standard AWS chain (region,
         * credentials, and endpoint settings such as {@code AWS_ENDPOINT_URL_S3}), closed by the store.
         */
        public Builder client(S3Client client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The region for the client the store builds; default the standard chain ({@code AWS_REGION}, …). */
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Path-style addressing for the client the store builds, for S3-compatible servers; default false. */
        public Builder forcePathStyle(boolean forcePathStyle) {
            this.forcePathStyle = forcePathStyle;
            return this;
        }

        /** SSE-KMS with this key id or ARN instead of the default SSE-S3 (AES256). */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId");
            this.encryption = ServerSideEncryption.AWS_KMS;
            return this;
        }

        /** Sends no encryption header and lets the bucket's default apply (for S3-compatible servers). */
        public Builder bucketDefaultEncryption() {
            this.encryption = null;
            this.kmsKeyId = null;
            return this;
        }

        /** Where failed writes wait; default {@link S3ArtifactStore#defaultSpool}. One store per directory. */
        public Builder spoolDirectory(Path spoolDirectory) {
            this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
            return this;
        }

        /** The most bytes the spool keeps (default 256 MiB); a write beyond it fails with a clear error. */
        public Builder spoolMaxBytes(long spoolMaxBytes) {
            this.spoolMaxBytes = spoolMaxBytes;
            return this;
        }

        /** Attempts per write before it is spooled, at least 1 (default 3); the SDK's own retries come on top. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait before the second attempt, doubled for each further one (default 200 ms). */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
            return this;
        }

        /** @throws ConfigurationException naming the setting that is missing or invalid */
        public S3ArtifactStore build() {
            if (bucket == null || !BUCKET.matcher(bucket).matches()) {
                throw new ConfigurationException("S3ArtifactStore.bucket must be an S3 bucket name (3-63 lowercase "
                        + "letters, digits, '.' and '-'), was "
                        + (bucket == null ? "not set; call bucket(...)" : "'" + bucket + "'"));
            }
            if (!prefix.isEmpty()) {
                ArtifactKeys.checkPrefix(prefix);
            }
            if (spoolMaxBytes < 1) {
                throw new ConfigurationException(
                        "S3ArtifactStore.spoolMaxBytes must be positive, was " + spoolMaxBytes);
            }
            if (maxAttempts < 1) {
                throw new ConfigurationException("S3ArtifactStore.maxAttempts must be at least 1, was " + maxAttempts);
            }
            if (initialBackoff.isNegative()) {
                throw new ConfigurationException("S3ArtifactStore.initialBackoff must not be negative");
            }
            if (client != null) {
                if (region != null || forcePathStyle) {
                    throw new ConfigurationException(
                            "S3ArtifactStore: region(...) and forcePathStyle(...) configure the "
                                    + "client the store builds; set them on the client you pass to client(...) instead.");
                }
                return new S3ArtifactStore(this, client, false);
            }
            S3ClientBuilder b = S3Client.builder().httpClientBuilder(ApacheHttpClient.builder());
            if (region != null) {
                b.region(region);
            }
            if (forcePathStyle) {
                b.forcePathStyle(true);
            }
            try {
                return new S3ArtifactStore(this, b.build(), true);
            } catch (RuntimeException e) {
                throw new ConfigurationException(
                        "Cannot build an S3 client: " + e.getMessage() + ". Set the region "
                                + "(AWS_REGION or region(...)) and credentials, or pass a client with client(...).",
                        e);
            }
        }
    }
}
