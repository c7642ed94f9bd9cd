package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static dev.agentic.sandbox.hostile.RunWideLimitsTest.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.sandbox.LocalSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The patterns of {@link RunWideLimitsTest} on a sandbox without cgroups ({@code cgroups(false)}), the fallback
 * for hosts with neither a delegated cgroup v2 nor writable v1 hierarchies: memory-backed files are refused, the
 * supervisor kills a run whose summed resident memory or CPU time goes over the limit. Its margin for memory is
 * one more per-process limit: what the run's processes can add between two samples on a loaded host. Tmpfs
 * inodes have no bound here but the CPU-time limit (bubblewrap cannot set {@code nr_inodes}); see the README.
 */
class FallbackLimitsTest {
    private static LocalSandbox sandbox;
    private static Path scratch;

    @BeforeAll
    static void start() throws Exception {
        scratch = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "hostile-scratch")).toAbsolutePath(), "fallback-");
        sandbox = LocalSandbox.builder().scratchRoot(scratch).cgroups(false).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void sixProcessesOf180MiBUnder256MiBAreKilledByTheSupervisor() throws Exception {
        try (RunWatcher w = RunWatcher.start(scratch)) {
            ExecutionResult r = sandbox.execute(python(RunWideLimitsTest.SIX_PROCESSES)
                    .limits(l -> l.memoryBytes(256 * MIB).wallTime(Duration.ofSeconds(60)))
                    .build());
            w.close();

            assertThat(w.peakResidentBytes())
                    .as(r.describe() + " " + r.output().notes())
                    .isLessThanOrEqualTo(256 * MIB + 256 * MIB);
            assertThat(r)
                    .as(r.describe())
                    .isInstanceOfSatisfying(
                            ExecutionResult.Killed.class,
                            k -> assertThat(k.limit()).isEqualTo(Limit.MEMORY));
            assertThat(r.stdout()).doesNotContain("children failed: 0");
        }
    }

    @Test
    void memoryBackedFilesAreRefused() throws Exception {
        try (RunWatcher w = RunWatcher.start(scratch)) {
            ExecutionResult r = sandbox.execute(python(RunWideLimitsTest.MEMFD)
                    .limits(l -> l.memoryBytes(64 * MIB).wallTime(Duration.ofSeconds(60)))
                    .build());
            w.close();

            assertThat(r.stdout()).as(r.describe()).contains("stopped after 0 MiB: [Errno 1] Operation not permitted");
            assertThat(w.peakShmemGrowthBytes()).isLessThanOrEqualTo(RunWideLimitsTest.MEMORY_MARGIN);
        }
    }

    @Test
    void chainOfShortLivedProcessesIsKilledAtTheRunsCpuLimit() throws Exception {
        try (RunWatcher w = RunWatcher.start(scratch)) {
            ExecutionResult r = sandbox.execute(python(RunWideLimitsTest.CPU_CHAIN)
                    .limits(l -> l.cpuTime(Duration.ofSeconds(1)).wallTime(Duration.ofSeconds(40)))
                    .build());
            w.close();

            assertThat(Duration.ofNanos(w.cpuNanos()))
                    .as(r.describe())
                    .isLessThanOrEqualTo(Duration.ofSeconds(1).plus(RunWideLimitsTest.CPU_MARGIN));
            assertThat(r)
                    .as(r.describe())
                    .isInstanceOfSatisfying(
                            ExecutionResult.Killed.class,
                            k -> assertThat(k.limit()).isEqualTo(Limit.CPU_TIME));
        }
    }
}
