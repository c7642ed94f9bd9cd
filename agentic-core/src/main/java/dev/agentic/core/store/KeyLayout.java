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
