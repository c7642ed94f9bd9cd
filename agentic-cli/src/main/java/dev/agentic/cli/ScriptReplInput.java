package dev.agentic.cli;

/**
 * Decides when the lines typed into {@code agentic repl --language javascript|typescript} form a complete
 * snippet, roughly as Node.js's own prompt does: a snippet that leaves a bracket, a string, a template literal or
 * a block comment open, or whose last line ends with an operator or a comma, asks for more; otherwise it runs.
 * An empty line runs what was read unless a bracket, template literal or comment is still open. Comments
 * ({@code //}, {@code /* *}{@code /}) and strings are skipped when brackets are counted; regular expression
 * literals are not recognised, so a bracket or quote inside one can ask for one line too many (an empty line
 * then runs it). Not thread-safe; one per session.
 */
final class ScriptReplInput implements SnippetInput {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public boolean empty() {
        return buffer.length() == 0;
    }

    @Override
    public ReplInput.Step add(String line) {
        if (buffer.length() == 0 && line.isBlank()) {
            return ReplInput.Step.MORE;
        }
        buffer.append(line).append('\n');
        Scan scan = Scan.of(buffer);
        if (scan.open()) {
            return ReplInput.Step.MORE;
        }
        if (line.isBlank()) {
            return ReplInput.Step.RUN;
        }
        return scan.continues() ? ReplInput.Step.MORE : ReplInput.Step.RUN;
    }

    @Override
    public String take() {
        String s = buffer.toString();
        buffer.setLength(0);
        return s;
    }

    /**
     * What a scan of the text found: bracket depth, whether it ends inside a string, template literal or block
     * comment, and the last character outside comments and blanks (with the one before it).
     */
    record Scan(int depth, boolean inString, boolean inTemplate, boolean inComment, char last, char beforeLast) {
        static Scan of(CharSequence text) {
            int depth = 0;
            // template literals nest through ${...}: the bracket depth at which each open one resumes
            int[] templates = new int[64];
            int openTemplates = 0;
            char quote = 0;
            boolean lineComment = false;
            boolean blockComment = false;
            char last = 0;
            char beforeLast = 0;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                char next = i + 1 < n ? text.charAt(i + 1) : 0;
                if (lineComment) {
                    lineComment = c != '\n';
                    continue;
                }
                if (blockComment) {
                    if (c == '*' && next == '/') {
                        blockComment = false;
                        i++;
                    }
                    continue;
                }
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote || c == '\n') {
                        quote = 0; // a line break ends an unterminated string: a syntax error the run reports
                    }
                    last = c;
                    continue;
                }
                boolean inTemplateText = openTemplates > 0 && templates[openTemplates - 1] == depth;
                if (inTemplateText) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '`') {
                        openTemplates--;
                        beforeLast = last;
                        last = c;
                    } else if (c == '$' && next == '{') {
                        depth++;
                        i++;
                    }
                    continue;
                }
                if (c == '/' && next == '/') {
                    lineComment = true;
                    i++;
                    continue;
                }
                if (c == '/' && next == '*') {
                    blockComment = true;
                    i++;
                    continue;
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '`') {
                    if (openTemplates < templates.length) {
                        templates[openTemplates++] = depth;
                    }
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                if (!Character.isWhitespace(c)) {
                    beforeLast = last;
                    last = c;
                }
            }
            return new Scan(depth, quote != 0, openTemplates > 0, blockComment, last, beforeLast);
        }

        /** Whether a bracket, template literal or block comment is still open (a string ends with its line). */
        boolean open() {
            return depth > 0 || inTemplate || inComment;
        }

        /**
         * Whether the text ends with an operator or comma that needs another operand ({@code x =}, {@code a +},
         * {@code () =>}); {@code x++}, {@code x--} and a closing {@code >} of type arguments are complete.
         */
        boolean continues() {
            if ((last == '+' || last == '-') && beforeLast == last) {
                return false;
            }
            if (last == '>') {
                return beforeLast == '='; // an arrow, not the end of a type argument list
            }
            return last != 0 && ",=+-*/%&|^!?:<.".indexOf(last) >= 0;
        }
    }
}
