package dev.agentic.bedrock.internal.agentcore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.bedrockagentcore.model.ContentBlock;
import software.amazon.awssdk.services.bedrockagentcore.model.ResourceContent;

/**
 * Reads the service's {@code listFiles} answers into relative paths and sizes. The answer's shape is not
 * documented, so it is read leniently:
 *
 * <ul>
 *   <li>{@code resource_link} blocks ({@code uri}, {@code name}, {@code mimeType}, {@code size} or a size
 *       such as {@code "12 bytes"} in {@code description}) and {@code resource} blocks ({@code resource.uri},
 *       size from the embedded text or blob) are entries; other block types are ignored.
 *   <li>An entry's path is its {@code name} (else the last segment of its {@code uri}) relative to the listed
 *       directory; a name that already starts with that directory, as a recursive listing gives, is kept.
 *   <li>A directory ({@code uri} or {@code name} ending in {@code /}, a directory MIME type such as
 *       {@code inode/directory}, or a description starting with "directory") is listed in turn, so a listing
 *       that is one level per call is walked, at most {@value #MAX_DEPTH} levels deep and
 *       {@value #MAX_ENTRIES} entries in all (notes say when a cap was reached).
 *   <li>A size the answer does not give is -1: the caller checks it after reading the file.
 * </ul>
 *
 * Not thread-safe; one per listing.
 */
final class FileListing {
    static final int MAX_DEPTH = 16;
    static final int MAX_ENTRIES = 10_000;
    /** Never reported: environment files of {@link Preamble}, deleted before a program runs anyway. */
    private static final String ENVIRONMENT_FILE = ".agentic-env-";

    private static final Set<String> DIRECTORY_TYPES =
            Set.of("inode/directory", "application/x-directory", "text/directory", "directory");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:bytes?|b)\\b", Pattern.CASE_INSENSITIVE);

    private final Function<String, List<ContentBlock>> lister;

    /** @param lister one {@code listFiles} call: directory ({@code "."} for the working directory) to blocks */
    FileListing(Function<String, List<ContentBlock>> lister) {
        this.lister = lister;
    }

    /** Relative path to size in bytes (-1 when unknown) of every file under the working directory. */
    Map<String, Long> list(List<String> notes) {
        Map<String, Long> files = new TreeMap<>();
        Set<String> listed = new HashSet<>();
        Deque<String[]> pending = new ArrayDeque<>();
        pending.add(new String[] {".", "0"});
        int entries = 0;
        while (!pending.isEmpty()) {
            String[] next = pending.poll();
            String directory = next[0];
            int depth = Integer.parseInt(next[1]);
            if (!listed.add(directory)) {
                continue;
            }
            for (ContentBlock b : lister.apply(directory)) {
                Entry e = entry(b, directory);
                if (e == null || e.path.isEmpty() || e.path.equals(directory)) {
                    continue;
                }
                if (++entries > MAX_ENTRIES) {
                    notes.add("outputs: the listing stopped after " + MAX_ENTRIES + " entries; later files were not "
                            + "collected");
                    return files;
                }
                if (e.directory) {
                    if (depth + 1 > MAX_DEPTH) {
                        notes.add("outputs: " + e.path + " is deeper than " + MAX_DEPTH + " levels and was not listed");
                    } else {
                        pending.add(new String[] {e.path, Integer.toString(depth + 1)});
                    }
                } else if (!baseName(e.path).startsWith(ENVIRONMENT_FILE)) {
                    files.put(e.path, e.size);
                }
            }
        }
        return files;
    }

    private record Entry(String path, long size, boolean directory) {}

    private static Entry entry(ContentBlock b, String directory) {
        String type = b.typeAsString() == null ? "" : b.typeAsString();
        String uri;
        String name;
        String mime;
        long size;
        String description;
        if (type.equals("resource_link")) {
            uri = b.uri();
            name = b.name();
            mime = b.mimeType();
            description = b.description();
            size = b.size() != null ? b.size() : sizeIn(description);
        } else if (type.equals("resource") && b.resource() != null) {
            ResourceContent r = b.resource();
            uri = r.uri();
            name = b.name();
            mime = r.mimeType();
            description = b.description();
            size = r.blob() != null
                    ? r.blob().asByteArrayUnsafe().length
                    : r.text() != null ? r.text().getBytes(StandardCharsets.UTF_8).length : -1;
        } else {
            return null;
        }
        String raw = name != null && !name.isBlank() ? name : lastSegment(uri);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        boolean dir = raw.endsWith("/")
                || (uri != null && uri.endsWith("/"))
                || (mime != null && DIRECTORY_TYPES.contains(mime.toLowerCase(Locale.ROOT)))
                || (description != null && description.toLowerCase(Locale.ROOT).startsWith("directory"));
        return new Entry(relative(directory, raw), size, dir);
    }

    /** {@code name} as a path relative to the working directory, given the directory it was listed in. */
    static String relative(String directory, String name) {
        String n = name.replaceAll("/+$", "");
        if (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.startsWith("/")) {
            n = baseName(n); // an absolute name: only its last segment is known to be relative to the listing
        }
        if (directory.equals(".") || n.startsWith(directory + "/")) {
            return n;
        }
        return directory + "/" + n;
    }

    private static String lastSegment(String uri) {
        if (uri == null) {
            return null;
        }
        String path;
        try {
            path = URI.create(uri).getPath();
        } catch (IllegalArgumentException e) {
            path = uri;
        }
        if (path == null) {
            return null;
        }
        boolean dir = path.endsWith("/");
        String base = baseName(path.replaceAll("/+$", ""));
        return dir ? base + "/" : base;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static long sizeIn(String description) {
        if (description == null) {
            return -1;
        }
        Matcher m = SIZE.matcher(description);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
