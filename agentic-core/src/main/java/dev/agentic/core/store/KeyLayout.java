package dev.agentic.core.store;

import dev.agentic.core.annotation.Stable;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Where a workflow's artifacts go in an {@link ArtifactStore}, named from a {@link KeyContext}.
 * Implementations are thread-safe and return keys valid under {@link ArtifactKeys#check}; uniqueness is the
 * store's job ({@link ArtifactStore#putNew}).
 */
@Stable
public interface KeyLayout {

    /** Key of a workflow's final program. */
    String codeKey(KeyContext context);

    /** Key of a workflow's execution record (JSON). */
    String recordKey(KeyContext context);

    /**
     * Key of one output file the run's program left behind (see {@code ExecutionOutput#files()}), stored next
     * to the record: the record's key without {@code .json}, then {@code .files/}, then the file's path with
     * every character outside letters, digits, '.', '_' and '-' replaced by '_' (a segment that would start
     * with anything but a letter or digit gets an {@code f} in front). The standard layout gives
     * {@code executions/<integration>/<success|failure>_<yyyyMMdd_HHmmss>.files/<path>}. Layouts may override
     * it; the result must pass {@link ArtifactKeys#check}.
     *
     * @param path the file's relative path inside the program's working directory, '/'-separated
     */
    default String outputKey(KeyContext context, String path) {
        Objects.requireNonNull(path, "path");
        String record = recordKey(context);
        String base = record.endsWith(".json") ? record.substring(0, record.length() - 5) : record;
        return base + ".files/" + safePath(path);
    }

    /**
     * The default layout, timestamps in UTC:
     * {@code generated/<integration>/<Task_slug>_<yyyyMMdd_HHmmss>.<ext>} and
     * {@code executions/<integration>/<success|failure>_<yyyyMMdd_HHmmss>.json}.
     */
    static KeyLayout standard() {
        return standard(ZoneOffset.UTC);
    }

    /** The default layout with timestamps in {@code zone}. */
    static KeyLayout standard(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(zone);
        return new KeyLayout() {
            @Override
            public String codeKey(KeyContext context) {
                return "generated/" + context.integration() + "/" + slug(context.description()) + "_"
                        + stamp.format(context.time()) + "." + context.extension();
            }

            @Override
            public String recordKey(KeyContext context) {
                return "executions/" + context.integration() + "/" + (context.succeeded() ? "success" : "failure") + "_"
                        + stamp.format(context.time()) + ".json";
            }
        };
    }

    /** {@code path} as key segments: unsafe characters replaced, empty and dot segments dropped. */
    private static String safePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split("[/\\\\]+")) {
            String safe = segment.replaceAll("[^A-Za-z0-9._-]", "_");
            if (safe.isEmpty() || safe.equals(".") || safe.equals("..")) {
                continue;
            }
            if (!Character.isLetterOrDigit(safe.charAt(0))) {
                safe = "f" + safe;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(safe, 0, Math.min(safe.length(), 200));
        }
        return sb.length() == 0 ? "file" : sb.toString();
    }

    /**
     * A file-name slug of a description: its first words, ASCII letters and digits only (accents dropped), joined by '_', at most 60
     * characters; {@code "Create a Stripe customer named Alice!"} gives {@code Create_a_Stripe_customer_named_Alice}.
     */
    static String slug(String description) {
        StringBuilder sb = new StringBuilder();
        String plain = Normalizer.normalize(description, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        for (String word : plain.split("[^A-Za-z0-9]+")) {
            String ascii = word.replaceAll("[^A-Za-z0-9]", "");
            if (ascii.isEmpty()) {
                continue;
            }
            if (sb.length() + ascii.length() + 1 > 60) {
                break;
            }
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(ascii);
        }
        return sb.length() == 0 ? "task" : sb.toString();
    }
}
