package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplInputTest {

    @Test
    void simpleStatementsRunAtOnce() {
        ReplInput in = new ReplInput();
        assertThat(in.add("x = 1")).isEqualTo(ReplInput.Step.RUN);
        assertThat(in.take()).isEqualTo("x = 1\n");
    }

    @Test
    void openBracketsStringsAndBackslashesAskForMore() {
        assertThat(ReplInput.openAt("f(1,\n")).isTrue();
        assertThat(ReplInput.openAt("s = '''a\n")).isTrue();
        assertThat(ReplInput.openAt("x = 1 + \\\n")).isTrue();
        assertThat(ReplInput.openAt("s = ')' # (\n")).isFalse();
        assertThat(ReplInput.openAt("d = {'a': [1, 2]}\n")).isFalse();
    }

    @Test
    void aBlockEndsAtAnEmptyLineOrANonIndentedLine() {
        ReplInput in = new ReplInput();
        assertThat(in.add("if True:")).isEqualTo(ReplInput.Step.MORE);
        assertThat(in.add("    a = 1")).isEqualTo(ReplInput.Step.MORE);
        assertThat(in.add("else:")).isEqualTo(ReplInput.Step.MORE);
        assertThat(in.add("    a = 2")).isEqualTo(ReplInput.Step.MORE);
        assertThat(in.add("print(a)")).isEqualTo(ReplInput.Step.RUN_THEN_REPEAT);
        assertThat(in.take()).isEqualTo("if True:\n    a = 1\nelse:\n    a = 2\n");
        assertThat(in.add("print(a)")).isEqualTo(ReplInput.Step.RUN);
        in.take();
        assertThat(in.add("for i in x:  # comment")).isEqualTo(ReplInput.Step.MORE);
        assertThat(in.add("    pass")).isEqualTo(ReplInput.Step.MORE);
        assertThat(in.add("")).isEqualTo(ReplInput.Step.RUN);
    }
}
