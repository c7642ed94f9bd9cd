package dev.agentic.storage.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.spi.ArtifactStoreProvider;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.storage.S3ArtifactStore;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code s3://BUCKET[/PREFIX][?OPTION&…]}: an {@link S3ArtifactStore} with a client from the standard AWS chain
 * (so {@code AWS_ENDPOINT_URL_S3}, {@code AWS_REGION} and the credentials chain apply). Options:
 * {@code sse=aes256|none|kms:KEY_ID} (default aes256; {@code none} leaves it to the bucket, for S3-compatible
 * servers), {@code path-style=true}, {@code spool=DIR}. Stateless; the caller closes the store.
 */
public final class S3StoreProvider implements ArtifactStoreProvider {
    private static final String SCHEME = "s3";

    @Override
    public String usage() {
        return "s3://BUCKET[/PREFIX][?sse=aes256|none|kms:KEY&path-style=true&spool=DIR]  an S3 bucket, with a local "
                + "spool for writes S3 does not take";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public ArtifactStore create(String spec, ProviderContext context) {
        String argument = ProviderSpecs.argument(spec, SCHEME);
        if (!argument.startsWith("//") || argument.length() == 2) {
            throw new ConfigurationException(
                    "Store '" + spec + "' names no bucket; write s3://BUCKET or s3://BUCKET/PREFIX.");
        }
        String rest = argument.substring(2);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        S3ArtifactStore.Builder b = S3ArtifactStore.builder()
                .bucket(slash < 0 ? rest : rest.substring(0, slash))
                .prefix(slash < 0 ? "" : rest.substring(slash + 1));
        for (String option : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            switch (name.toLowerCase(Locale.ROOT)) {
                case "sse":
                    sse(spec, b, value);
                    break;
                case "path-style":
                    b.forcePathStyle(Boolean.parseBoolean(value));
                    break;
                case "spool":
                    b.spoolDirectory(Path.of(value));
                    break;
                default:
                    throw new ConfigurationException("Store '" + spec + "' has an unknown option '" + name
                            + "'; known: sse, path-style, spool.");
            }
        }
        return b.build();
    }

    private static void sse(String spec, S3ArtifactStore.Builder b, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("none")) {
            b.bucketDefaultEncryption();
        } else if (v.startsWith("kms:") && value.length() > 4) {
            b.kmsKeyId(value.substring(4));
        } else if (!v.equals("aes256")) {
            throw new ConfigurationException(
                    "Store '" + spec + "': sse must be aes256, none or kms:KEY_ID, was '" + value + "'.");
        }
    }
}
