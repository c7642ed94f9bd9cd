package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TypeScript programs run as {@code main.ts} by Node.js type stripping in a real bubblewrap {@link LocalSandbox}.
 * Needs a Node.js that strips types (22.18+ without a flag; {@code -Dagentic.test.node}); skipped otherwise.
 */
class LocalSandboxTypeScriptTest {
    private static LocalSandbox sandbox;

    @BeforeAll
    static void start() {
        Path node = TestNode.path();
        int[] v = TestNode.version(node);
        Assumptions.assumeTrue(
                v[0] > 22 || (v[0] == 22 && v[1] >= 6),
                "TypeScript needs a Node.js that strips types (22.18+); " + node + " is " + v[0] + "." + v[1]
                        + ". Set -Dagentic.test.node=/opt/agentic-node24/bin/node");
        sandbox = LocalSandbox.builder().nodeExecutable(node).build();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static ExecutionResult run(String source) {
        return sandbox.execute(ExecutionRequest.builder()
                .code(new Code(Language.TYPESCRIPT, source))
                .limits(l -> l.wallTime(Duration.ofSeconds(60)))
                .build());
    }

    @Test
    void sandboxDeclaresTypeScript() {
        assertThat(sandbox.capabilities().languages()).contains(Language.TYPESCRIPT, Language.JAVASCRIPT);
    }

    @Test
    void annotatedProgramRunsAndSeesItsEnvironment() {
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(new Code(
                        Language.TYPESCRIPT,
                        "import { readFileSync } from 'node:fs';\n"
                                + "interface Row { name: string; n: number }\n"
                                + "type Total = number;\n"
                                + "const rows: Row[] = JSON.parse(readFileSync('rows.json', 'utf8'));\n"
                                + "const total: Total = rows.reduce((s: number, r: Row) => s + r.n, 0);\n"
                                + "console.log(`total ${total} in ${process.env.REGION as string}`);"))
                .inputFile(
                        "rows.json",
                        "[{\"name\":\"a\",\"n\":2},{\"name\":\"b\",\"n\":40}]".getBytes(StandardCharsets.UTF_8))
                .environment("REGION", "eu-west-1")
                .limits(l -> l.wallTime(Duration.ofSeconds(60)))
                .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("total 42 in eu-west-1\n");
        assertThat(r.stderr()).doesNotContain("ExperimentalWarning");
    }

    @Test
    void typesAreStrippedNotChecked() {
        ExecutionResult r = run("const n: number = 'not a number' as any;\nconsole.log(typeof n);");

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("string\n");
    }

    @Test
    void syntaxThatNeedsTransformingFailsNamingIt() {
        ExecutionResult r = run("enum Color { Red, Green }\nconsole.log(Color.Green);");

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stderr()).contains("TypeScript");
    }

    @Test
    void wallTimeoutKeepsPartialOutput() {
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(new Code(
                        Language.TYPESCRIPT,
                        "const s: string = 'started';\nconsole.log(s);\nsetInterval(() => {}, 1000);"))
                .limits(l -> l.wallTime(Duration.ofSeconds(3)))
                .build());

        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
        assertThat(r.stdout()).isEqualTo("started\n");
    }
}
