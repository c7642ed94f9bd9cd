package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import org.junit.jupiter.api.Test;

/** Which files a run hands back, and in what form. */
class OutputFilesTest {

    @Test
    void doubleStarGlobCollectsTopLevelAndNestedFiles() {
        ExecutionResult r = Host.sandbox()
                .execute(ExecutionRequest.builder()
                        .code(Code.python("import os\nos.makedirs('a/b')\n"
                                + "for p in ['top.csv', 'a/mid.csv', 'a/b/deep.csv', 'skip.txt']:\n"
                                + "    open(p, 'w').write(p)\n"))
                        .outputGlob("**/*.csv")
                        .build());

        assertThat(r.succeeded()).as(r.describe()).isTrue();
        assertThat(r.output().files())
                .extracting(OutputFile::path)
                .containsExactlyInAnyOrder("top.csv", "a/mid.csv", "a/b/deep.csv");
    }
}
