package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Catalogue A14: empty files until something stops the program, and a directory tree deeper than PATH_MAX.
 * The run ends within its limits, the output collector stays within its entry and depth caps, and the
 * run's host directory is gone afterwards (the files themselves only ever lived on the sandbox's tmpfs).
 */
class InodeExhaustionTest {

    @Test
    void emptyFileFloodEndsAtTheCpuLimitAndCollectionStopsAtItsEntryCap() {
        long start = System.nanoTime();
        ExecutionResult r = Host.sandbox()
                .execute(python("import os\nos.mkdir('flood')\nn = 0\n"
                                + "try:\n    while True:\n        os.mknod(f'flood/{n}')\n        n += 1\n"
                                + "        if n % 20000 == 0:\n            print(n, flush=True)\n"
                                + "except OSError as e:\n    print('stopped at', n, e.strerror, flush=True)")
                        .outputGlob("**")
                        .limits(l -> l.cpuTime(Duration.ofSeconds(1)).wallTime(Duration.ofSeconds(8)))
                        .build());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // Without an inode cap on the tmpfs, the CPU limit (or the wall clock on a busy host) ends the flood.
        assertThat(r).isInstanceOfAny(ExecutionResult.Killed.class, ExecutionResult.TimedOut.class);
        if (r instanceof ExecutionResult.Killed k) {
            assertThat(k.limit()).isEqualTo(Limit.CPU_TIME);
        }
        assertThat(r.stdout()).as("the flood went far past the collector's cap").startsWith("20000\n");
        assertThat(String.join("\n", r.output().notes()))
                .contains("output collection stopped after 10000 directory entries");
        assertThat(r.output().files()).hasSizeLessThanOrEqualTo(32);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(8 + 5));
        Host.assertNoRunLeft();
        Host.assertNoRunDirectoryLeft();
        Host.assertHostResponsive();
    }

    @Test
    void directoryTreeDeeperThanPathMaxIsNotWalkedPastTheDepthCap() {
        // 3000 levels through chdir: a path of about 6000 bytes, more than PATH_MAX (4096).
        ExecutionResult r = Host.sandbox()
                .execute(python("import os\n"
                                + "open('top.txt', 'w').write('top')\n"
                                + "for depth in range(3000):\n    os.mkdir('d')\n    os.chdir('d')\n"
                                + "open('deep.txt', 'w').write('deep')\n"
                                + "print('depth', depth + 1, 'path bytes', len('/sandbox') + 2 * (depth + 1))")
                        .outputGlob("*.txt")
                        .outputGlob("**/*.txt")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("depth 3000 path bytes 6008\n");
        assertThat(r.output().files()).extracting(OutputFile::path).containsExactly("top.txt");
        assertThat(String.join("\n", r.output().notes())).contains("not walked: deeper than 16 levels");
        Host.assertNoRunLeft();
        Host.assertNoRunDirectoryLeft();
    }
}
