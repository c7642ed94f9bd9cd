package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When lines typed into {@code agentic repl --language javascript} form a snippet. */
class ScriptReplInputTest {

    /** The snippets {@code lines} make, as the repl's loop would run them (what is left at the end runs too). */
    private static List<String> snippets(String... lines) {
        ScriptReplInput in = new ScriptReplInput();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (in.add(line) != ReplInput.Step.MORE) {
                out.add(in.take());
            }
        }
        if (!in.empty()) {
            out.add(in.take());
        }
        return out;
    }

    @Test
    void aCompleteLineRunsAtOnce() {
        assertThat(snippets("let x = 41", "x + 1", "x++")).containsExactly("let x = 41\n", "x + 1\n", "x++\n");
    }

    @Test
    void openBracketsTemplateLiteralsAndBlockCommentsAskForMore() {
        assertThat(snippets("function f(n) {", "  return n + 1;", "}", "f(1)"))
                .containsExactly("function f(n) {\n  return n + 1;\n}\n", "f(1)\n");
        assertThat(snippets("const s = `a", "${1 + {b: 2}.b}", "c`", "s"))
                .containsExactly("const s = `a\n${1 + {b: 2}.b}\nc`\n", "s\n");
        assertThat(snippets("/* a comment", "over two lines */ 1"))
                .containsExactly("/* a comment\nover two lines */ 1\n");
    }

    @Test
    void aLineEndingWithAnOperatorOrArrowAsksForMore() {
        assertThat(snippets("const total =", "  1 +", "  2", "const f = () =>", "  3"))
                .containsExactly("const total =\n  1 +\n  2\n", "const f = () =>\n  3\n");
    }

    @Test
    void bracketsAndQuotesInStringsAndCommentsAreNotCounted() {
        assertThat(snippets("console.log('{ (')", "// don't { count this", "let m: Map<string, number>"))
                .containsExactly("console.log('{ (')\n", "// don't { count this\n", "let m: Map<string, number>\n");
    }

    @Test
    void anEmptyLineRunsWhatAnOperatorLeftWaitingButNotAnOpenBracket() {
        assertThat(snippets("const r = /ab/", "", "f(", "", "1)")).containsExactly("const r = /ab/\n\n", "f(\n\n1)\n");
    }
}
