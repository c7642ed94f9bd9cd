package dev.agentic.web.internal;

import dev.agentic.core.annotation.Internal;
import java.util.Locale;
import java.util.Map;

/**
 * Which collected files the page shows inline: raster images only (PNG, JPEG, GIF, WebP), served with their own
 * type. Everything else, SVG included (it can hold scripts), is a download of type application/octet-stream.
 */
@Internal
final class FileTypes {
    private static final Map<String, String> IMAGES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");

    private FileTypes() {}

    static boolean isImage(String path) {
        return IMAGES.containsKey(extension(path));
    }

    static String contentType(String path) {
        return IMAGES.getOrDefault(extension(path), "application/octet-stream");
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
