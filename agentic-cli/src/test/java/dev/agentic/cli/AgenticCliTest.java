package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AgenticCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("agentic 0.1.0-SNAPSHOT");
    }

    @Test
    void helpListsTheCommandAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: agentic").contains("--version");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCodeTwo() {
        assertThat(run("--no-such-flag")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("--no-such-flag").contains("--help");
    }
}
