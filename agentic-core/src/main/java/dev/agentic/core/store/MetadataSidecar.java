package dev.agentic.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The file beside an artifact that holds its {@link ArtifactMetadata}: {@code .meta-<name>} next to
 * {@code <name>} (a name no valid key has). It records the SHA-256 of the content it belongs to, so a
 * reader can tell whether the metadata and the content it read are of the same write. Stateless.
 */
final class MetadataSidecar {
    static final String PREFIX = ".meta-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataSidecar() {}

    static Path of(Path target) {
        return target.resolveSibling(PREFIX + target.getFileName());
    }

    static byte[] encode(byte[] content, ArtifactMetadata metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("sha256", sha256(content));
        root.put("contentType", metadata.contentType());
        ObjectNode user = root.putObject("userMetadata");
        metadata.userMetadata().forEach(user::put);
        return JSON.writeValueAsBytes(root);
    }

    /**
     * The metadata in {@code sidecar} when it belongs to {@code content}; empty when there is no sidecar, it
     * belongs to another write, or it cannot be parsed.
     */
    static Optional<ArtifactMetadata> readFor(Path sidecar, byte[] content) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(sidecar);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(raw);
            if (root == null || !sha256(content).equals(root.path("sha256").asText())) {
                return Optional.empty();
            }
            ArtifactMetadata.Builder b = ArtifactMetadata.builder()
                    .contentType(root.path("contentType").asText());
            for (Map.Entry<String, JsonNode> e : root.path("userMetadata").properties()) {
                b.userMetadata(e.getKey(), e.getValue().asText());
            }
            return Optional.of(b.build());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
