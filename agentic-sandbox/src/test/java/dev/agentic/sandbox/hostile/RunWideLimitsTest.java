package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The four patterns that held a multiple of the limits when limits were per process (issue 18), each measured
 * from the host while it runs: the run's resident memory, the host's shared memory, the host's kernel slab and
 * the run's CPU time stay within the request's limit plus a stated margin. On this host the run's cgroup v1
 * enforces them; {@link FallbackLimitsTest} runs the same patterns without cgroups.
 */
class RunWideLimitsTest {
    static final long MIB = 1024L * 1024;
    /** Margin for resident memory and shared memory: the interpreter's own pages around the limit's edge. */
    static final long MEMORY_MARGIN = 32 * MIB;
    /** Margin for slab growth: other processes on a shared build host allocate kernel memory too. */
    static final long SLAB_MARGIN = 64 * MIB;
    /** Margin for CPU time: the meter's sampling period, the last ticks of each process, a loaded host. */
    static final Duration CPU_MARGIN = Duration.ofMillis(700);

    static final String SIX_PROCESSES = "import os, sys, time\n"
            + "kids = []\n"
            + "for i in range(6):\n"
            + "    pid = os.fork()\n"
            + "    if pid == 0:\n"
            + "        try:\n"
            + "            block = bytearray(180 << 20)\n"
            + "            for j in range(0, len(block), 4096):\n"
            + "                block[j] = 1\n"
            + "            print('child', i, 'holds 180 MiB', flush=True)\n"
            + "            time.sleep(4)\n"
            + "        except MemoryError:\n"
            + "            os._exit(3)\n"
            + "        os._exit(0)\n"
            + "    kids.append(pid)\n"
            + "failed = sum(1 for k in kids if os.waitpid(k, 0)[1] != 0)\n"
            + "print('children failed:', failed, flush=True)\n"
            + "sys.exit(1 if failed else 0)\n";

    static final String MEMFD = "import os, sys\n"
            + "chunk = b'x' * (1 << 20)\n"
            + "fds, total = [], 0\n"
            + "try:\n"
            + "    while total < (768 << 20):\n"
            + "        fd = os.memfd_create('m')\n"
            + "        fds.append(fd)\n"
            + "        for i in range(64):\n"
            + "            os.write(fd, chunk)\n"
            + "            total += 1 << 20\n"
            + "except OSError as e:\n"
            + "    print('stopped after', total >> 20, 'MiB:', e, flush=True)\n"
            + "    sys.exit(1)\n"
            + "print('held', total >> 20, 'MiB in memory-backed files', flush=True)\n";

    static final String INODES = "import os, sys\n"
            + "n = 0\n"
            + "prefix = 'f' * 200\n"
            + "try:\n"
            + "    while n < 2_000_000:\n"
            + "        os.close(os.open(f'{prefix}{n}', os.O_CREAT | os.O_WRONLY))\n"
            + "        n += 1\n"
            + "except OSError as e:\n"
            + "    print('stopped at', n, e, flush=True)\n"
            + "    sys.exit(1)\n"
            + "print('created', n, flush=True)\n";

    static final String CPU_CHAIN = "import os, time\n"
            + "for generation in range(200):\n"
            + "    pid = os.fork()\n"
            + "    if pid == 0:\n"
            + "        end = time.process_time() + 0.25\n"
            + "        while time.process_time() < end:\n"
            + "            pass\n"
            + "        os._exit(0)\n"
            + "    os.waitpid(pid, 0)\n"
            + "print('burned', generation + 1, 'quarter seconds', flush=True)\n";

    @Test
    void sixProcessesOf180MiBUnder256MiBHoldAtMostTheLimit() throws Exception {
        try (RunWatcher w = RunWatcher.start(Host.scratchRoot())) {
            ExecutionResult r = Host.sandbox()
                    .execute(python(SIX_PROCESSES)
                            .limits(l -> l.memoryBytes(256 * MIB).wallTime(Duration.ofSeconds(60)))
                            .build());
            w.close();

            assertThat(w.peakResidentBytes())
                    .as(r.describe() + " " + r.output().notes())
                    .isLessThanOrEqualTo(256 * MIB + MEMORY_MARGIN);
            assertThat(w.peakResidentBytes()).as("the watcher saw the run").isGreaterThan(100 * MIB);
            assertThat(r)
                    .as(r.describe())
                    .isInstanceOfSatisfying(
                            ExecutionResult.Killed.class,
                            k -> assertThat(k.limit()).isEqualTo(Limit.MEMORY));
        }
        Host.assertNoRunLeft();
    }

    @Test
    void memoryBackedFilesUnder64MiBGrowSharedMemoryByAtMostTheLimit() throws Exception {
        try (RunWatcher w = RunWatcher.start(Host.scratchRoot())) {
            ExecutionResult r = Host.sandbox()
                    .execute(python(MEMFD)
                            .limits(l -> l.memoryBytes(64 * MIB).wallTime(Duration.ofSeconds(60)))
                            .build());
            w.close();

            assertThat(w.peakShmemGrowthBytes()).as(r.describe()).isLessThanOrEqualTo(64 * MIB + MEMORY_MARGIN);
            assertThat(r.stdout()).doesNotContain("held 768");
            assertThat(r.succeeded()).isFalse();
        }
        Host.assertNoRunLeft();
    }

    @Test
    void emptyFilesWithLongNamesUnder64MiBGrowKernelSlabByAtMostTheLimit() throws Exception {
        try (RunWatcher w = RunWatcher.start(Host.scratchRoot())) {
            ExecutionResult r = Host.sandbox()
                    .execute(python(INODES)
                            .limits(l -> l.memoryBytes(64 * MIB)
                                    .cpuTime(Duration.ofSeconds(30))
                                    .wallTime(Duration.ofSeconds(60)))
                            .build());
            w.close();

            assertThat(w.peakSlabGrowthBytes()).as(r.describe()).isLessThanOrEqualTo(64 * MIB + SLAB_MARGIN);
            assertThat(r.stdout()).doesNotContain("created 2000000");
            assertThat(r.succeeded()).isFalse();
        }
        Host.assertNoRunLeft();
    }

    @Test
    void chainOfShortLivedProcessesUnderOneCpuSecondUsesAtMostTheLimit() throws Exception {
        try (RunWatcher w = RunWatcher.start(Host.scratchRoot())) {
            ExecutionResult r = Host.sandbox()
                    .execute(python(CPU_CHAIN)
                            .limits(l -> l.cpuTime(Duration.ofSeconds(1)).wallTime(Duration.ofSeconds(40)))
                            .build());
            w.close();

            assertThat(Duration.ofNanos(w.cpuNanos()))
                    .as(r.describe())
                    .isLessThanOrEqualTo(Duration.ofSeconds(1).plus(CPU_MARGIN));
            assertThat(r)
                    .as(r.describe())
                    .isInstanceOfSatisfying(
                            ExecutionResult.Killed.class,
                            k -> assertThat(k.limit()).isEqualTo(Limit.CPU_TIME));
            assertThat(r.output().duration()).isLessThan(Duration.ofSeconds(40));
        }
        Host.assertNoRunLeft();
    }

    @Test
    void exitStatusOfASignalAfterAFakeMemoryErrorIsNotReportedAsALimitKill() {
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, sys\n"
                                + "sys.stderr.write('Traceback (most recent call last):\\nMemoryError\\n')\n"
                                + "sys.stderr.flush()\n"
                                + "os._exit(152)\n")
                        .build());

        assertThat(r).as(r.describe()).isInstanceOfSatisfying(ExecutionResult.Killed.class, k -> {
            assertThat(k.limit()).isEqualTo(Limit.UNKNOWN);
            assertThat(k.signal()).isEqualTo(24);
        });
    }
}
