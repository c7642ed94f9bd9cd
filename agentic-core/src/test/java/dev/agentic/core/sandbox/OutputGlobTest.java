package dev.agentic.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Task;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import org.junit.jupiter.api.Test;

class OutputGlobTest {

    @Test
    void doubleStarSlashAlsoMatchesTopLevelFiles() {
        PathMatcher m = OutputGlob.matcher("**/*.csv");

        assertThat(m.matches(Path.of("out.csv"))).isTrue();
        assertThat(m.matches(Path.of("a/out.csv"))).isTrue();
        assertThat(m.matches(Path.of("a/b/out.csv"))).isTrue();
        assertThat(m.matches(Path.of("out.json"))).isFalse();
    }

    @Test
    void doubleStarSlashInTheMiddleMatchesNoDirectoryToo() {
        PathMatcher m = OutputGlob.matcher("out/**/*.json");

        assertThat(m.matches(Path.of("out/x.json"))).isTrue();
        assertThat(m.matches(Path.of("out/a/b/x.json"))).isTrue();
        assertThat(m.matches(Path.of("x.json"))).isFalse();
        assertThat(OutputGlob.matcher("a/**/b/**/c.txt").matches(Path.of("a/b/c.txt")))
                .isTrue();
        assertThat(OutputGlob.matcher("a/**/b/**/c.txt").matches(Path.of("a/c.txt")))
                .isFalse();
    }

    @Test
    void plainGlobsKeepTheirMeaning() {
        assertThat(OutputGlob.matcher("*.csv").matches(Path.of("a/out.csv"))).isFalse();
        assertThat(OutputGlob.matcher("*.csv").matches(Path.of("out.csv"))).isTrue();
        assertThat(OutputGlob.matcher("x**/y").matches(Path.of("xa/y"))).isTrue();
    }

    @Test
    void invalidGlobFailsWhenTheRequestIsBuiltNamingTheGlob() {
        assertThatThrownBy(() ->
                        ExecutionRequest.builder().code(Code.python("pass")).outputGlob("["))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("outputGlob '['")
                .hasMessageContaining("not a valid glob");
    }

    @Test
    void invalidGlobFailsWhenTheTaskIsBuiltNamingTheGlob() {
        assertThatThrownBy(() -> Task.builder().outputGlob("out/{a,b"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("outputGlob 'out/{a,b'");
        assertThatThrownBy(() -> Task.builder().outputGlob(" "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must not be blank");
    }
}
