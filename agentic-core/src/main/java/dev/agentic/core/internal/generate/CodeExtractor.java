package dev.agentic.core.internal.generate;

import dev.agentic.core.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the program in a model's answer. Handles fenced blocks ({@code ```} or {@code ~~~}) with or without
 * a language tag, several blocks (the one in the task's language wins; blocks tagged with another language
 * such as bash, json or output are ignored), {@code <code>} tags, bare code without any fence, and
 * truncated answers (an opening fence with no closing fence). Never throws for an answer without code:
 * it returns an {@link Extraction} with a reason instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class CodeExtractor {
    private static final Pattern FENCE_OPEN = Pattern.compile("^([ \\t]*)(`{3,}|~{3,})[ \\t]*([^`\\n]*)$");
    private static final Pattern CODE_TAG = Pattern.compile(
            "<code(?:\\s+(?:lang|language|class|data-lang)\\s*=\\s*[\"']?(?:language-|lang-)?([\\w+#.-]*)[\"']?)?"
                    + "[^>]*>(.*?)(</code>|\\z)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private CodeExtractor() {}

    /**
     * The outcome of an extraction: either {@code code} (possibly {@code truncated}) or a {@code reason}.
     *
     * @param code the program, or null when none was found
     * @param truncated whether the program was cut off (its block was never closed)
     * @param reason why no program was found, or null when one was
     */
    public record Extraction(String code, boolean truncated, String reason) {
        static Extraction found(String code, boolean truncated) {
            return new Extraction(code, truncated, null);
        }

        static Extraction none(String reason) {
            return new Extraction(null, false, reason);
        }

        public boolean isFound() {
            return code != null;
        }
    }

    /** One candidate block: its tag (lower case, empty when none), content, and whether it was closed. */
    private record Block(String tag, String content, boolean closed) {
        int size() {
            return (int) content.lines().filter(l -> !l.isBlank()).count();
        }
    }

    /**
     * Extracts the program in {@code language} from {@code text}.
     *
     * @param cutOff whether the model stopped because of its token limit; bare code is then marked truncated
     */
    public static Extraction extract(String text, Language language, boolean cutOff) {
        Objects.requireNonNull(language, "language");
        String answer = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        if (answer.isBlank()) {
            return Extraction.none("the answer was empty" + (cutOff ? " (the model hit its token limit)" : "")
                    + "; expected one ```" + language.id() + " fenced block with the program");
        }
        List<Block> blocks = fencedBlocks(answer);
        if (blocks.isEmpty()) {
            blocks = codeTags(answer);
        }
        if (!blocks.isEmpty()) {
            return choose(blocks, language);
        }
        return bare(answer, language, cutOff);
    }

    private static Extraction choose(List<Block> blocks, Language language) {
        List<Block> tagged = blocks.stream()
                .filter(b -> Language.find(b.tag()).orElse(null) == language)
                .collect(Collectors.toList());
        List<Block> untagged = blocks.stream()
                .filter(b -> b.tag().isEmpty() && !b.content().isBlank())
                .filter(b -> Heuristics.looksLike(b.content(), language))
                .collect(Collectors.toList());
        List<Block> pool = !tagged.isEmpty() ? tagged : untagged;
        Optional<Block> best =
                pool.stream().filter(b -> !b.content().isBlank()).max(Comparator.comparingInt(Block::size));
        if (best.isPresent()) {
            Block b = best.get();
            return Extraction.found(endWithNewline(b.content()), !b.closed());
        }
        List<String> tags = blocks.stream()
                .map(b -> b.tag().isEmpty() ? "(untagged)" : b.tag())
                .distinct()
                .collect(Collectors.toList());
        String what = blocks.stream().allMatch(b -> b.content().isBlank())
                ? "only empty code blocks"
                : blocks.size() + " code block(s) tagged " + String.join(", ", tags) + ", but none holds a "
                        + language.displayName() + " program";
        return Extraction.none("the answer has " + what + "; answer with exactly one ```" + language.id()
                + " fenced block holding the whole program");
    }

    private static List<Block> fencedBlocks(String answer) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = answer.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            Matcher open = FENCE_OPEN.matcher(lines[i]);
            if (!open.matches()) {
                i++;
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            String tag = tagOf(open.group(3));
            StringBuilder content = new StringBuilder();
            boolean closed = false;
            i++;
            for (; i < lines.length; i++) {
                String stripped = lines[i].strip();
                if (stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == fence.charAt(0))) {
                    closed = true;
                    i++;
                    break;
                }
                String line = lines[i].startsWith(indent) ? lines[i].substring(indent.length()) : lines[i];
                content.append(line).append('\n');
            }
            blocks.add(
                    new Block(tag, closed ? content.toString() : stripTrailingBlankLines(content.toString()), closed));
        }
        return blocks;
    }

    private static List<Block> codeTags(String answer) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = CODE_TAG.matcher(answer);
        while (m.find()) {
            String tag = tagOf(m.group(1) == null ? "" : m.group(1));
            String content = m.group(2);
            if (content.indexOf('<') < 0) {
                content = unescapeHtml(content);
            }
            content = content.startsWith("\n") ? content.substring(1) : content;
            blocks.add(new Block(tag, content, !m.group(3).isEmpty()));
        }
        return blocks;
    }

    private static Extraction bare(String answer, Language language, boolean cutOff) {
        Optional<String> code = Heuristics.bareProgram(answer, language);
        if (code.isPresent()) {
            return Extraction.found(code.get(), cutOff);
        }
        String first = answer.strip().lines().findFirst().orElse("");
        String preview = first.length() > 80 ? first.substring(0, 80) + "…" : first;
        return Extraction.none("the answer has no fenced code block, no <code> tag, and its text does not read as "
                + "a " + language.displayName() + " program (it begins: \"" + preview + "\")"
                + (cutOff ? "; the model also hit its token limit" : "")
                + "; answer with exactly one ```" + language.id() + " fenced block holding the whole program");
    }

    /** The first word of a fence's info string, lower case: {@code python title="x"} gives {@code python}. */
    static String tagOf(String info) {
        String s = info.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("{")) {
            s = s.substring(1).replaceFirst("^\\.", "");
        }
        s = s.replaceFirst("^(language-|lang-)", "");
        int end = 0;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || "+#_-".indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        return s.substring(0, end);
    }

    private static String unescapeHtml(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String endWithNewline(String s) {
        return s.endsWith("\n") ? s : s + "\n";
    }

    private static String stripTrailingBlankLines(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "\n";
    }
}
