package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.sandbox.internal.ProcTree;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, nothing leaks over time: 1,000 sequential runs, and 10 rounds of 64 concurrent runs, each through a
 * {@link LocalSandbox} (two tests, so each fits a CI step), a mix of programs that succeed, fail, time out and are
 * killed for their memory limit.
 * Before and after, this JVM's open file descriptors and threads, the host's processes of sandbox uids, the
 * scratch root's entries and the run cgroups are counted; they must be back within {@link #TOLERANCE} (threads
 * once the output reader pool's idle threads expired). Tagged {@code soak}: part of {@code verify} (CI), and
 * selectable alone with {@code -Dgroups=soak}; {@code -Dagentic.soak.sequential=N} and
 * {@code -Dagentic.soak.rounds=N} shrink it for a quick local check. The numbers are in benchmarks/README.md.
 */
@Tag("soak")
class SoakTest {
    /** How far each count may be from its value before the soak. */
    static final int TOLERANCE = 4;

    private static final int SEQUENTIAL = Integer.getInteger("agentic.soak.sequential", 1000);
    private static final int ROUNDS = Integer.getInteger("agentic.soak.rounds", 10);
    private static final int CONCURRENT = 64;
    /** Three processes of 40 MiB each under a 64 MiB limit: each fits its own rlimit, the run does not. */
    private static final String MEMORY_KILL = "import os, sys, time\n"
            + "kids = []\n"
            + "for i in range(3):\n"
            + "    pid = os.fork()\n"
            + "    if pid == 0:\n"
            + "        block = bytearray(40 << 20)\n"
            + "        for j in range(0, len(block), 4096):\n"
            + "            block[j] = 1\n"
            + "        time.sleep(0.3)\n"
            + "        os._exit(0)\n"
            + "    kids.append(pid)\n"
            + "sys.exit(1 if any(os.waitpid(k, 0)[1] for k in kids) else 0)\n";

    private static final int SANDBOX_UID_FIRST = 0x70000000;
    private static final int SANDBOX_UID_COUNT = 65536;

    @Test
    void thousandSequentialRunsLeaveNothingBehind() throws Exception {
        soak("sequential", sandbox -> {
            int[] outcomes = new int[4];
            for (int i = 0; i < SEQUENTIAL; i++) {
                outcomes[run(sandbox, i)]++;
            }
            return outcomes;
        });
    }

    @Test
    void tenRoundsOf64ConcurrentRunsLeaveNothingBehind() throws Exception {
        soak("concurrent", sandbox -> {
            int[] outcomes = new int[4];
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    List<Future<Integer>> futures = new ArrayList<>();
                    for (int i = 0; i < CONCURRENT; i++) {
                        int n = round * CONCURRENT + i;
                        futures.add(pool.submit(() -> run(sandbox, n)));
                    }
                    for (Future<Integer> f : futures) {
                        outcomes[f.get()]++;
                    }
                }
            } finally {
                pool.shutdown();
            }
            return outcomes;
        });
    }

    private interface Phase {
        int[] run(LocalSandbox sandbox) throws Exception;
    }

    private static void soak(String name, Phase phase) throws Exception {
        // under target/, which the sandbox uids can enter (a @TempDir is private to root)
        Path scratch = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "soak-scratch")).toAbsolutePath(), "run-root-");
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .scratchRoot(scratch)
                .maxConcurrentRuns(CONCURRENT)
                .build()) {
            run(sandbox, 0); // warm-up: threads and files a sandbox keeps for its lifetime
            Counts before = Counts.take(scratch);
            long start = System.nanoTime();
            int[] outcomes = phase.run(sandbox);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Counts after = Counts.settle(scratch, before);
            System.out.printf(
                    "[soak] %s: %d runs in %d ms; succeeded/failed/timed out/killed %d/%d/%d/%d; before %s; after %s%n",
                    name,
                    outcomes[0] + outcomes[1] + outcomes[2] + outcomes[3],
                    millis,
                    outcomes[0],
                    outcomes[1],
                    outcomes[2],
                    outcomes[3],
                    before,
                    after);
            assertThat(after.within(before))
                    .as("before " + before + ", after " + after)
                    .isTrue();
            assertThat(outcomes).doesNotContain(0);
        }
    }

    /** Runs program {@code n} of the mix and returns its outcome: 0 succeeded, 1 failed, 2 timed out, 3 killed. */
    private static int run(LocalSandbox sandbox, int n) {
        ExecutionRequest.Builder b = ExecutionRequest.builder();
        switch (n % 10) {
            case 6 -> b.code(Code.python("import sys\nprint('failing')\nsys.exit(3)"));
            case 7 ->
                b.code(Code.python("import time\ntime.sleep(30)")).limits(l -> l.wallTime(Duration.ofMillis(400)));
            case 8 ->
                b.code(Code.python(MEMORY_KILL))
                        .limits(l -> l.memoryBytes(64L << 20).wallTime(Duration.ofSeconds(60)));
            case 9 ->
                b.code(Code.python("open('out.txt', 'w').write('x' * 1000)")).outputGlob("out.txt");
            default -> b.code(Code.python("print(" + n + " * 2)"));
        }
        if (n % 10 != 7 && n % 10 != 8) {
            b.limits(l -> l.wallTime(Duration.ofSeconds(60)));
        }
        ExecutionResult r = sandbox.execute(b.build());
        switch (n % 10) {
            case 6 -> assertThat(r).as(r.describe()).isInstanceOf(ExecutionResult.Failed.class);
            case 7 -> assertThat(r).as(r.describe()).isInstanceOf(ExecutionResult.TimedOut.class);
            case 8 -> assertThat(r).as(r.describe()).isInstanceOf(ExecutionResult.Killed.class);
            case 9 -> assertThat(r.output().files()).as(r.describe()).hasSize(1);
            default -> assertThat(r.stdout()).as(r.describe()).isEqualTo(n * 2 + "\n");
        }
        if (r instanceof ExecutionResult.Succeeded) {
            return 0;
        }
        if (r instanceof ExecutionResult.Failed) {
            return 1;
        }
        return r instanceof ExecutionResult.TimedOut ? 2 : 3;
    }

    /** What could leak, counted. */
    record Counts(int fds, int threads, int sandboxProcesses, int scratchEntries, int runCgroups) {
        static Counts take(Path scratch) throws IOException {
            return new Counts(
                    count(Path.of("/proc/self/fd")),
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    countSandboxUidProcesses(),
                    count(scratch),
                    countRunCgroups());
        }

        /** Counts again until every count is back within the tolerance (idle reader threads expire after 60 s). */
        static Counts settle(Path scratch, Counts before) throws IOException, InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            Counts now = take(scratch);
            while (!now.within(before) && System.nanoTime() < until) {
                Thread.sleep(500);
                now = take(scratch);
            }
            return now;
        }

        boolean within(Counts b) {
            return Math.abs(fds - b.fds) <= TOLERANCE
                    && threads - b.threads <= TOLERANCE
                    && sandboxProcesses - b.sandboxProcesses <= 0
                    && scratchEntries - b.scratchEntries <= 0
                    && runCgroups - b.runCgroups <= 0;
        }

        private static int count(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return (int) s.count();
            }
        }

        private static int countSandboxUidProcesses() throws IOException {
            int n = 0;
            try (Stream<Path> s = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (!p.getFileName().toString().matches("\\d+")) {
                        continue;
                    }
                    try {
                        int uid = (Integer) Files.getAttribute(p, "unix:uid");
                        if (uid - SANDBOX_UID_FIRST >= 0
                                && uid - SANDBOX_UID_FIRST < SANDBOX_UID_COUNT
                                && ProcTree.running(
                                        Long.parseLong(p.getFileName().toString()))) {
                            n++; // zombies hold no resources but a pid until the host's reaper collects them
                        }
                    } catch (IOException | RuntimeException e) {
                        // gone
                    }
                }
            }
            return n;
        }

        private static int countRunCgroups() throws IOException {
            String mine = "agentic-run-" + ProcessHandle.current().pid() + "-";
            int n = 0;
            for (String hierarchy : List.of("memory", "pids", "cpu", "cpuacct", "unified")) {
                Path root = Path.of("/sys/fs/cgroup", hierarchy);
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> s = Files.walk(root, 4)) {
                    n += (int) s.filter(p -> p.getFileName() != null
                                    && p.getFileName().toString().startsWith(mine))
                            .count();
                } catch (IOException | RuntimeException e) {
                    // a cgroup vanished during the walk
                }
            }
            return n;
        }
    }
}
