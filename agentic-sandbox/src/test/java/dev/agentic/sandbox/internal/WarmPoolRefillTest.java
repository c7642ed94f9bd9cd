package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the pool of interpreters refills, against the real sandbox. */
class WarmPoolRefillTest {
    private static final WarmPool.Kind PYTHON = new WarmPool.Kind(Language.PYTHON, false);

    @Test
    void startsSeveralReplacementsAtOnceButNoMoreThanItsParallelismAndStopsAtItsSize(@TempDir Path scratch)
            throws Exception {
        RunContext ctx = context(scratch);
        try (WarmPool pool =
                new WarmPool(ctx, Map.of(PYTHON, 4), ExecutionLimits.defaults(), true, 2, WarmPool.REFILL_DELAY)) {
            // both starts are handed out at once; each takes far longer than this check
            assertThat(pool.starting(PYTHON)).isEqualTo(2);

            awaitTrue(() -> pool.idle(PYTHON) == 4);
            assertThat(pool.starting(PYTHON)).isZero();
        } finally {
            ctx.close();
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("run-")))
                    .isEmpty();
        }
    }

    @Test
    void theReplacementForATakenInterpreterStartsOnlyOnceItsRunHasEnded(@TempDir Path scratch) throws Exception {
        RunContext ctx = context(scratch);
        try (WarmPool pool =
                new WarmPool(ctx, Map.of(PYTHON, 2), ExecutionLimits.defaults(), true, 2, Duration.ofHours(1))) {
            awaitTrue(() -> pool.idle(PYTHON) == 2);

            Launch taken = pool.take(ExecutionRequest.of(Code.python("pass")));
            assertThat(taken).isNotNull();
            // the run has not ended and the delay is an hour: nothing competes with it for the CPU
            assertThat(pool.deferred(PYTHON)).isEqualTo(1);
            assertThat(pool.starting(PYTHON)).isZero();
            assertThat(pool.idle(PYTHON)).isEqualTo(1);

            taken.runEnded();
            taken.runEnded(); // a second report changes nothing
            assertThat(pool.deferred(PYTHON)).isZero();
            awaitTrue(() -> pool.idle(PYTHON) == 2);
            assertThat(pool.starting(PYTHON)).isZero();
            discard(taken);
        } finally {
            ctx.close();
        }
    }

    @Test
    void theReplacementStartsAfterTheDelayWhenTheRunThatTookAnInterpreterIsStillGoing(@TempDir Path scratch)
            throws Exception {
        RunContext ctx = context(scratch);
        try (WarmPool pool =
                new WarmPool(ctx, Map.of(PYTHON, 2), ExecutionLimits.defaults(), true, 2, Duration.ofMillis(200))) {
            awaitTrue(() -> pool.idle(PYTHON) == 2);

            Launch taken = pool.take(ExecutionRequest.of(Code.python("pass")));
            assertThat(taken).isNotNull();

            awaitTrue(() -> pool.idle(PYTHON) == 2);
            assertThat(pool.deferred(PYTHON)).isZero();
            discard(taken);
        } finally {
            ctx.close();
        }
    }

    private static RunContext context(Path scratch) {
        return SandboxSetup.create(new SandboxSetup.Options(
                true, null, null, scratch, 0x70000000, Set.of(), null, 65536, true, null, null));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    /** Kills a sandbox the test took and never ran, and deletes it. */
    private static void discard(Launch l) throws InterruptedException {
        l.kill();
        l.process().waitFor(10, TimeUnit.SECONDS);
        l.awaitTreeDeath(-1, 5_000);
        l.close();
    }
}
