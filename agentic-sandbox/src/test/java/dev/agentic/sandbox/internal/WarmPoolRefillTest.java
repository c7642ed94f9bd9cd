package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the pool of interpreters refills, against the real sandbox. */
class WarmPoolRefillTest {
    private static final WarmPool.Kind PYTHON = new WarmPool.Kind(Language.PYTHON, false);

    @Test
    void startsSeveralReplacementsAtOnceButNoMoreThanItsParallelismAndStopsAtItsSize(@TempDir Path scratch)
            throws Exception {
        RunContext ctx = SandboxSetup.create(new SandboxSetup.Options(
                true, null, null, scratch, 0x70000000, Set.of(), null, 65536, true, null, null));
        try (WarmPool pool = new WarmPool(ctx, Map.of(PYTHON, 4), ExecutionLimits.defaults(), true, 2)) {
            // both starts are handed out at once; each takes far longer than this check
            assertThat(pool.starting(PYTHON)).isEqualTo(2);

            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (pool.idle(PYTHON) < 4 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(pool.idle(PYTHON)).isEqualTo(4);
            assertThat(pool.starting(PYTHON)).isZero();
        } finally {
            ctx.close();
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("run-")))
                    .isEmpty();
        }
    }
}
