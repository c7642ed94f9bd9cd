package dev.agentic.core.internal.generate;

import dev.agentic.core.Language;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cheap, conservative guesses about whether text is a program in a language: used for untagged fenced
 * blocks and for answers with no fence at all. Not a parser; the validator is the real check. Stateless.
 */
final class Heuristics {
    private static final Pattern PYTHON_STRONG = Pattern.compile(
            "^\\s*(import [\\w.]+|from [\\w.]+ import |def \\w+\\(|async def \\w+\\(|class \\w+[(:]|print\\(|"
                    + "if __name__|with .+:$|for .+ in .+:$|try:$|[A-Za-z_][\\w.]*(\\[[^\\]]*\\])?\\s*[-+*/]?=\\s*\\S)",
            Pattern.MULTILINE);
    private static final Pattern PYTHON_START = Pattern.compile(
            "^(#!|import [\\w.]+|from [\\w.]+ import |def \\w+\\(|async def |class \\w+[(:]|@\\w|print\\(|"
                    + "if __name__|[A-Za-z_][\\w.]*\\s*=\\s*\\S)");
    private static final Pattern JAVA_STRONG =
            Pattern.compile("(\\b(class|record|interface|enum)\\s+\\w+[^\\n]*\\{|static\\s+void\\s+main\\s*\\()");
    private static final Pattern JAVA_START = Pattern.compile(
            "^(package [\\w.]+;|import (static )?[\\w.*]+;|(public |final |abstract )*(class|record|interface|enum) \\w+|"
                    + "//|/\\*)");
    private static final Pattern JS_STRONG = Pattern.compile(
            "^\\s*(const |let |var |function \\w*\\(|async function|import .+ from |console\\.log\\(|"
                    + "module\\.exports|.*require\\(['\"])",
            Pattern.MULTILINE);
    private static final Pattern JS_START = Pattern.compile(
            "^(const |let |var |function |async function|import |['\"]use strict['\"]|//|/\\*|console\\.log\\()");
    private static final Pattern PROSE = Pattern.compile("^[A-Z*_][^=;{}\\[\\]]*$");

    private Heuristics() {}

    /** Whether {@code text} plausibly is a program (or fragment) in {@code language}. */
    static boolean looksLike(String text, Language language) {
        List<String> lines = nonBlank(text);
        if (lines.isEmpty()) {
            return false;
        }
        long prose = lines.stream().filter(Heuristics::isProse).count();
        if (prose * 10 > lines.size() * 3) {
            return false;
        }
        switch (language) {
            case PYTHON:
                long semicolons =
                        lines.stream().filter(l -> l.strip().endsWith(";")).count();
                return PYTHON_STRONG.matcher(text).find()
                        && !JAVA_STRONG.matcher(text).find()
                        && semicolons * 2 < lines.size();
            case JAVA:
                return JAVA_STRONG.matcher(text).find();
            case JAVASCRIPT:
            case TYPESCRIPT:
                return JS_STRONG.matcher(text).find()
                        && !JAVA_STRONG.matcher(text).find();
            default:
                return false;
        }
    }

    /**
     * The program in an answer written without any fence: from the first line that starts code to the end
     * of the code (for Java the last closing brace; otherwise dropping a trailing prose paragraph).
     */
    static Optional<String> bareProgram(String answer, Language language) {
        Optional<String> program = fromLine(answer, language);
        return program.isPresent() ? program : indentedBlock(answer).flatMap(block -> fromLine(block, language));
    }

    /** The largest Markdown indented code block (lines indented by 4+ spaces after a blank line), dedented. */
    static Optional<String> indentedBlock(String answer) {
        String[] lines = answer.split("\n", -1);
        String best = null;
        int i = 0;
        while (i < lines.length) {
            boolean startsBlock =
                    lines[i].startsWith("    ") && !lines[i].isBlank() && (i == 0 || lines[i - 1].isBlank());
            if (!startsBlock) {
                i++;
                continue;
            }
            StringBuilder block = new StringBuilder();
            while (i < lines.length && (lines[i].startsWith("    ") || lines[i].isBlank())) {
                block.append(lines[i].length() >= 4 ? lines[i].substring(4) : "")
                        .append('\n');
                i++;
            }
            if (best == null || block.length() > best.length()) {
                best = block.toString();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> fromLine(String answer, Language language) {
        List<String> lines = Arrays.asList(answer.split("\n", -1));
        Pattern start = language == Language.JAVA ? JAVA_START : language == Language.PYTHON ? PYTHON_START : JS_START;
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (start.matcher(lines.get(i)).find()) {
                from = i;
                break;
            }
        }
        if (from < 0) {
            return Optional.empty();
        }
        int to = lines.size();
        if (language == Language.JAVA) {
            int lastBrace = -1;
            for (int i = lines.size() - 1; i > from; i--) {
                if (lines.get(i).strip().endsWith("}")) {
                    lastBrace = i;
                    break;
                }
            }
            to = lastBrace < 0 ? lines.size() : lastBrace + 1;
        } else {
            while (to > from + 1
                    && (lines.get(to - 1).isBlank()
                            || (isProse(lines.get(to - 1))
                                    && !Character.isWhitespace(lines.get(to - 1).charAt(0))))) {
                to--;
            }
        }
        String code = String.join("\n", lines.subList(from, to)).stripTrailing() + "\n";
        return looksLike(code, language) ? Optional.of(code) : Optional.empty();
    }

    /** A sentence rather than a statement: starts like a sentence, several words, no code punctuation. */
    static boolean isProse(String line) {
        String s = line.strip();
        if (s.startsWith("#")
                || s.startsWith("//")
                || s.startsWith("*") && s.length() > 1 && s.charAt(1) == ' ' && !s.startsWith("**")) {
            return false;
        }
        return PROSE.matcher(s).matches() && s.split("\\s+").length >= 3;
    }

    private static List<String> nonBlank(String text) {
        return text.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    }
}
