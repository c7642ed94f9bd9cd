package dev.agentic.storage;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.secret.CachingSecretProvider;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.storage.internal.MessageFreeCause;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Secrets from AWS Secrets Manager ({@code GetSecretValue}). A {@link SecretRef}'s name is the secret's name or
 * full ARN; its field selects one field of a JSON secret; its {@code versionId} or {@code versionStage} is passed
 * on ({@code AWSCURRENT} when neither is given).
 *
 * <pre>{@code
 * try (SecretsManagerSecretProvider secrets = SecretsManagerSecretProvider.builder().build()) {
 *     String key = secrets.resolve(SecretRef.of("agentic-api-developer/stripe/test-key", "api_key"));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Text secrets only: a binary secret ({@code SecretBinary}) is refused with a clear error.</li>
 *   <li>Values are cached in memory for {@link Builder#cacheTtl} (default 5 minutes; zero turns caching off)
 *       by name, field and version; {@link #refresh} and {@link #refreshAll} drop them early, for instance after
 *       a rotation. See {@link CachingSecretProvider} for the rules.</li>
 *   <li>Failures are {@link SecretException}s that name the secret (never its value) and say what to do: not
 *       found, access denied, decryption failure, throttling or service errors (retried by the SDK's retry
 *       policy first), network failure. Error codes decide, not statuses. When the client itself fails (no
 *       connection, or an answer it cannot read), the cause keeps the SDK's exception classes and stack traces
 *       but not their messages, which may quote the answer and so the value.</li>
 *   <li>Values are never logged; {@link #toString()} shows none.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} closes the client when the provider built it; a client passed to
 * {@link Builder#client} belongs to the caller.
 */
@Experimental
public final class SecretsManagerSecretProvider implements SecretProvider, AutoCloseable {
    private static final Set<String> THROTTLED_OR_FAILING =
            Set.of("ThrottlingException", "Throttling", "TooManyRequestsException", "InternalServiceError");

    private final SecretsManagerClient client;
    private final boolean ownsClient;
    private final CachingSecretProvider cache;

    private SecretsManagerSecretProvider(SecretsManagerClient client, boolean ownsClient, Duration ttl) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.cache = ttl.isZero() ? null : SecretProvider.caching(this::fetch, ttl);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String resolve(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        return cache == null ? fetch(ref) : cache.resolve(ref);
    }

    /** Drops the cached value of {@code ref}; the next {@link #resolve} asks Secrets Manager again. */
    public void refresh(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        if (cache != null) {
            cache.invalidate(ref);
        }
    }

    /** Drops every cached value. */
    public void refreshAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    private String fetch(SecretRef ref) {
        GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(ref.name());
        ref.versionId().ifPresent(request::versionId);
        ref.versionStage().ifPresent(request::versionStage);
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request.build());
        } catch (SecretsManagerException e) {
            throw failure(ref, e);
        } catch (SdkClientException e) {
            // Client-side failures include a response the SDK could not read, and its parser quotes the token it
            // choked on, which may be the secret value: the cause keeps its classes and stack, not its messages.
            throw new SecretException(
                    "Cannot reach Secrets Manager for secret '" + ref + "' ("
                            + e.getClass().getSimpleName() + "); check the network, the region and the endpoint "
                            + "(AWS_ENDPOINT_URL_SECRETS_MANAGER), then try again.",
                    MessageFreeCause.of(e));
        } catch (SdkException e) {
            throw new SecretException(
                    "Cannot read secret '" + ref + "' from Secrets Manager ("
                            + e.getClass().getSimpleName() + "); see the cause.",
                    MessageFreeCause.of(e));
        }
        if (response.secretString() == null) {
            throw new SecretException("Secret '" + ref + "' is binary (SecretBinary); secrets reach programs as "
                    + "text, so store it as a SecretString (Base64-encode it yourself if it must be bytes).");
        }
        return ref.select(response.secretString());
    }

    private static SecretException failure(SecretRef ref, SecretsManagerException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? String.valueOf(e.statusCode())
                : e.awsErrorDetails().errorCode();
        String what;
        if (code.equals("ResourceNotFoundException")) {
            what = ref.hasVersion()
                    ? "was not found with that version; check the version id or stage"
                    : "was not found; check the name or ARN and the region";
        } else if (code.equals("AccessDeniedException") || e.statusCode() == 403) {
            what = "cannot be read by this identity; grant it secretsmanager:GetSecretValue on the secret (and "
                    + "kms:Decrypt on its KMS key when that is a customer managed key)";
        } else if (code.equals("DecryptionFailure")) {
            what = "cannot be decrypted with its KMS key; grant this identity kms:Decrypt on that key";
        } else if (THROTTLED_OR_FAILING.contains(code) || e.statusCode() >= 500 || e.statusCode() == 429) {
            what = "could not be read because Secrets Manager throttled or failed even after retries; try again "
                    + "later or lower the request rate (a longer cacheTtl helps)";
        } else if (code.equals("InvalidRequestException")) {
            what = "cannot be read in its current state (for instance scheduled for deletion); see the cause";
        } else {
            what = "could not be read; see the cause";
        }
        return new SecretException("Secret '" + ref + "' " + what + " (Secrets Manager " + code + ").", e);
    }

    /** Closes the client when the provider built it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Never shows a value or a secret's name. */
    @Override
    public String toString() {
        return "SecretsManagerSecretProvider[" + (cache == null ? "no cache" : cache.toString()) + "]";
    }

    /** Builder for {@link SecretsManagerSecretProvider}; not thread-safe. Every setter is optional. */
    public static final class Builder {
        private SecretsManagerClient client;
        private Region region;
        private Duration cacheTtl = Duration.ofMinutes(5);

        private Builder() {}

        /**
         * A client the caller built and closes. Default: a client from the standard AWS chain (region,
         * credentials, and endpoint settings such as {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}), closed by
         * {@link SecretsManagerSecretProvider#close()}.
         */
        public Builder client(SecretsManagerClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The region for the client the provider builds; default the standard chain. */
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** How long a value is served from memory (default 5 minutes); {@link Duration#ZERO} disables the cache. */
        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
            return this;
        }

        /** @throws ConfigurationException naming the setting that is invalid */
        public SecretsManagerSecretProvider build() {
            if (cacheTtl.isNegative()) {
                throw new ConfigurationException("SecretsManagerSecretProvider.cacheTtl must not be negative, was "
                        + cacheTtl + "; use Duration.ZERO to disable the cache.");
            }
            if (client != null) {
                if (region != null) {
                    throw new ConfigurationException("SecretsManagerSecretProvider: region(...) configures the client "
                            + "the provider builds; set it on the client you pass to client(...) instead.");
                }
                return new SecretsManagerSecretProvider(client, false, cacheTtl);
            }
            SecretsManagerClientBuilder b =
                    SecretsManagerClient.builder().httpClientBuilder(ApacheHttpClient.builder());
            if (region != null) {
                b.region(region);
            }
            try {
                return new SecretsManagerSecretProvider(b.build(), true, cacheTtl);
            } catch (RuntimeException e) {
                throw new ConfigurationException(
                        "Cannot build a Secrets Manager client: " + e.getMessage() + ". Set "
                                + "the region (AWS_REGION or region(...)) and credentials, or pass a client with client(...).",
                        e);
            }
        }
    }
}
