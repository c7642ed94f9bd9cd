package dev.agentic.storage.internal;

import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ArtifactKeys;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactPage;
import dev.agentic.core.store.ListRequest;
import dev.agentic.core.store.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The S3 calls of an artifact store: one bucket, one key prefix, one encryption setting. Maps every SDK failure
 * to a {@link StorageException} that names the bucket and key, is {@linkplain StorageException#retryable()
 * retryable} for network faults, throttling and server errors, and says what to do for the rest. Thread-safe
 * when the client is (SDK clients are); does not own the client.
 */
public final class S3Objects {
    private static final Set<String> RETRYABLE_CODES = Set.of(
            "SlowDown",
            "RequestTimeout",
            "InternalError",
            "ServiceUnavailable",
            "Throttling",
            "ThrottlingException",
            "ConditionalRequestConflict",
            "OperationAborted");

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final ServerSideEncryption encryption;
    private final String kmsKeyId;

    /**
     * @param prefix "" or a prefix ending with '/'
     * @param encryption the server-side encryption to ask for, or null for none
     * @param kmsKeyId the KMS key for {@link ServerSideEncryption#AWS_KMS}, or null for the account's default key
     */
    public S3Objects(S3Client client, String bucket, String prefix, ServerSideEncryption encryption, String kmsKeyId) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.encryption = encryption;
        this.kmsKeyId = kmsKeyId;
    }

    /**
     * Writes {@code content} at {@code key}; with {@code onlyIfAbsent}, as a conditional write
     * ({@code If-None-Match: *}) that S3 refuses with 412 when the key exists.
     *
     * @return false when the conditional write found the key taken, else true
     */
    public boolean put(String key, byte[] content, ArtifactMetadata metadata, boolean onlyIfAbsent) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(prefix + key)
                .contentType(metadata.contentType())
                .metadata(metadata.userMetadata());
        if (encryption != null) {
            request.serverSideEncryption(encryption);
            if (kmsKeyId != null) {
                request.ssekmsKeyId(kmsKeyId);
            }
        }
        if (onlyIfAbsent) {
            request.ifNoneMatch("*");
        }
        try {
            client.putObject(request.build(), RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (onlyIfAbsent && e.statusCode() == 412) {
                return false;
            }
            throw failure("write", key, e);
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    /** The object at {@code key} with its metadata, or empty when there is none. */
    public Optional<Artifact> read(String key) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = client.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
        GetObjectResponse response = bytes.response();
        ArtifactMetadata.Builder metadata = ArtifactMetadata.builder();
        if (response.contentType() != null) {
            metadata.contentType(response.contentType());
        }
        response.metadata().forEach(metadata::userMetadata);
        return Optional.of(Artifact.builder()
                .key(key)
                .content(bytes.asByteArray())
                .metadata(metadata.build())
                .lastModified(response.lastModified() == null ? Instant.now() : response.lastModified())
                .build());
    }

    /**
     * One page of keys. The continuation token is the last key S3 returned (relative to the prefix), passed
     * back as {@code StartAfter}; keys that are not valid artifact keys are left out.
     */
    public ArtifactPage list(ListRequest request) {
        ListObjectsV2Response response;
        try {
            response = client.listObjectsV2(r -> {
                r.bucket(bucket).prefix(prefix + request.prefix()).maxKeys(request.pageSize());
                request.continuationToken().ifPresent(after -> r.startAfter(prefix + after));
            });
        } catch (SdkException e) {
            throw failure("list", request.prefix() + "*", e);
        }
        List<String> keys = new ArrayList<>();
        String last = null;
        for (S3Object o : response.contents()) {
            last = o.key().substring(prefix.length());
            if (ArtifactKeys.isValid(last)) {
                keys.add(last);
            }
        }
        ArtifactPage.Builder page = ArtifactPage.builder().keys(keys);
        if (Boolean.TRUE.equals(response.isTruncated()) && last != null) {
            page.nextToken(last);
        }
        return page.build();
    }

    /** Deletes {@code key}; returns whether it existed just before (S3's delete itself does not say). */
    public boolean delete(String key) {
        try {
            boolean existed;
            try {
                client.headObject(r -> r.bucket(bucket).key(prefix + key));
                existed = true;
            } catch (NoSuchKeyException e) {
                existed = false;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                existed = false;
            }
            client.deleteObject(r -> r.bucket(bucket).key(prefix + key));
            return existed;
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /** {@code s3://bucket/prefix}. */
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    private StorageException failure(String action, String key, SdkException e) {
        String where = "s3://" + bucket + "/" + prefix + key;
        if (e instanceof SdkClientException) {
            return new StorageException(
                    "Cannot " + action + " " + where + ": S3 could not be reached (" + e.getMessage()
                            + "). Check the network, the endpoint and the credentials; the call may succeed later.",
                    e,
                    true);
        }
        if (!(e instanceof S3Exception)) {
            return new StorageException("Cannot " + action + " " + where + ": " + e.getMessage(), e, true);
        }
        S3Exception s3 = (S3Exception) e;
        String code = code(s3);
        int status = s3.statusCode();
        boolean retryable = status >= 500 && status != 501 || status == 429 || RETRYABLE_CODES.contains(code);
        String what = "Cannot " + action + " " + where + ": S3 answered " + status + " " + code + ". ";
        String hint;
        if (status == 403) {
            hint = "Grant this identity s3:" + permission(action) + " on arn:aws:s3:::" + bucket + "/" + prefix
                    + "*"
                    + (encryption == ServerSideEncryption.AWS_KMS
                            ? " and kms:GenerateDataKey/kms:Decrypt on " + "the bucket's KMS key"
                            : "")
                    + ".";
        } else if ("NoSuchBucket".equals(code)) {
            hint = "Create bucket '" + bucket + "' or correct its name.";
        } else if (retryable) {
            hint = "S3 is failing or throttling; the call may succeed later.";
        } else {
            hint = "See the cause for S3's message.";
        }
        return new StorageException(what + hint, e, retryable);
    }

    private static String permission(String action) {
        switch (action) {
            case "read":
                return "GetObject";
            case "list":
                return "ListBucket (on arn:aws:s3:::BUCKET)";
            case "delete":
                return "DeleteObject";
            default:
                return "PutObject";
        }
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "error"
                : e.awsErrorDetails().errorCode();
    }
}
