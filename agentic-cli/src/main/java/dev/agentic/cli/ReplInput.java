package dev.agentic.cli;

/**
 * Decides when the lines typed into {@code agentic repl} form a complete Python snippet, the way Python's own
 * interactive prompt does: a line that opens a block (ends with {@code :}), leaves a bracket, a triple-quoted
 * string or a backslash continuation open asks for more; inside a block, an empty line ends it. Unlike Python's
 * prompt, a non-indented line after a block also ends it (so piped scripts without blank lines work); that
 * line then starts the next snippet. Not thread-safe; one per session.
 */
final class ReplInput implements SnippetInput {
    private final StringBuilder buffer = new StringBuilder();
    private boolean inBlock;

    /** What to do after a line. */
    enum Step {
        /** Keep reading: the snippet is not complete. */
        MORE,
        /** Run {@link #take()} now. */
        RUN,
        /** Run {@link #take()} now, then offer the same line again (it starts the next snippet). */
        RUN_THEN_REPEAT
    }

    @Override
    public boolean empty() {
        return buffer.length() == 0;
    }

    @Override
    public Step add(String line) {
        if (inBlock && !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !openAt(buffer.toString())) {
            if (!continuesBlock(line)) {
                return Step.RUN_THEN_REPEAT;
            }
        }
        if (buffer.length() == 0 && line.isBlank()) {
            return Step.MORE;
        }
        buffer.append(line).append('\n');
        String text = buffer.toString();
        if (openAt(text)) {
            return Step.MORE;
        }
        String stripped = stripComment(line).stripTrailing();
        if (stripped.endsWith(":")) {
            inBlock = true;
            return Step.MORE;
        }
        if (inBlock) {
            return line.isBlank() ? Step.RUN : Step.MORE;
        }
        return Step.RUN;
    }

    @Override
    public String take() {
        String s = buffer.toString();
        buffer.setLength(0);
        inBlock = false;
        return s;
    }

    /** {@code else:}, {@code elif ...:}, {@code except ...:}, {@code finally:} and the like continue a block. */
    private static boolean continuesBlock(String line) {
        String w = line.strip();
        return w.startsWith("else")
                || w.startsWith("elif")
                || w.startsWith("except")
                || w.startsWith("finally")
                || w.startsWith("case")
                || w.startsWith("@")
                || w.startsWith(")")
                || w.startsWith("]")
                || w.startsWith("}");
    }

    /** Whether {@code text} ends inside brackets, a string or after a backslash. */
    static boolean openAt(String text) {
        int depth = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                boolean triple = i + 2 < n && text.charAt(i + 1) == c && text.charAt(i + 2) == c;
                String end = triple ? String.valueOf(c).repeat(3) : String.valueOf(c);
                i += end.length();
                while (true) {
                    if (i >= n) {
                        return true;
                    }
                    char d = text.charAt(i);
                    if (d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (!triple && d == '\n') {
                        break;
                    }
                    if (text.startsWith(end, i)) {
                        i += end.length();
                        break;
                    }
                    i++;
                }
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '\n' && i + 2 == n) {
                return true;
            }
            i++;
        }
        return depth > 0;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 || openAt(line.substring(0, hash)) ? line : line.substring(0, hash);
    }
}
