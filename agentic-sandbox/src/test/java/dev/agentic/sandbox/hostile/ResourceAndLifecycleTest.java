package dev.agentic.sandbox.hostile;

import static dev.agentic.sandbox.hostile.Host.python;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Catalogue A (resource exhaustion) and B (escaping lifecycle and timeout), asserted on the host. */
class ResourceAndLifecycleTest {

    @Test
    void cpuBurnInsideOneCCallIsKilledByTheCpuLimit() {
        // A2: a single C-level computation never returns to the interpreter; only an outside kill ends it.
        ExecutionResult r = Host.sandbox()
                .execute(python("x = 7 ** (10 ** 9)")
                        .limits(l -> l.cpuTime(Duration.ofSeconds(1)).wallTime(Duration.ofSeconds(8)))
                        .build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).limit()).isEqualTo(Limit.CPU_TIME);
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void sharedMemoryAndRootTmpfsCannotHoldMemoryOutsideTheLimits() {
        // A6: /dev/shm is a small tmpfs, the root and /dev are read-only.
        ExecutionResult r = Host.sandbox()
                .execute(python("import errno\n"
                                + "for path in ['/dev/shm/fill', '/etc/fill', '/dev/fill']:\n"
                                + "    try:\n"
                                + "        with open(path, 'wb') as f:\n"
                                + "            for _ in range(64):\n"
                                + "                f.write(b'x' * (1 << 20))\n"
                                + "        print(path, 'FILLED')\n"
                                + "    except OSError as e:\n"
                                + "        print(path, errno.errorcode[e.errno])")
                        .build());

        assertThat(r.stdout())
                .contains("/dev/shm/fill ENOSPC")
                .contains("/etc/fill EROFS")
                .contains("/dev/fill EROFS")
                .doesNotContain("FILLED");
    }

    @Test
    void hugeSparseFileIsRefusedAndOversizedOutputsAreSkippedNotRead() {
        // A7 and A18: a 1 TiB sparse file cannot even be created (RLIMIT_FSIZE); collected outputs are capped
        // in total, so the second 5 MiB file is skipped by its size before anything is read.
        ExecutionResult r = Host.sandbox()
                .execute(python("import os\n"
                                + "try:\n    open('huge.bin', 'wb').truncate(1 << 40)\nexcept OSError as e:\n    print(e.strerror)\n"
                                + "for name in ['a.bin', 'b.bin']:\n    open(name, 'wb').truncate(5 << 20)\n"
                                + "open('small.txt', 'w').write('fine')")
                        .outputGlob("*.bin")
                        .outputGlob("small.txt")
                        .limits(l -> l.maxFileSizeBytes(8L << 20))
                        .build());

        assertThat(r.stdout()).contains("File too large");
        assertThat(r.output().files())
                .extracting(OutputFile::path)
                .contains("small.txt")
                .doesNotContain("main.py")
                .hasSize(3);
        assertThat(String.join("\n", r.output().notes())).contains("over the size cap");
    }

    @Test
    void fileDescriptorExhaustionStopsAtTheOpenFilesLimit() {
        // A11
        ExecutionResult r = Host.sandbox()
                .execute(python("import os\nfds = []\n"
                                + "try:\n    while True:\n        fds.append(os.open('/dev/null', os.O_RDONLY))\n"
                                + "except OSError as e:\n    print('stopped at', len(fds), e.strerror)")
                        .limits(l -> l.maxOpenFiles(64))
                        .build());

        assertThat(r.stdout()).contains("Too many open files");
        int opened = Integer.parseInt(r.stdout().replaceAll("(?s)stopped at (\\d+).*", "$1"));
        assertThat(opened).isLessThan(64);
    }

    @Test
    void oneHugeFileStopsAtTheFileSizeLimitAndTheLimitCannotBeRaised() {
        // A12 and F62: EFBIG from RLIMIT_FSIZE; soft = hard so the program cannot lift it.
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import resource\n"
                                        + "soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)\nprint('equal', soft == hard)\n"
                                        + "try:\n    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard * 2))\n    print('RAISED')\n"
                                        + "except (ValueError, OSError) as e:\n    print('raise refused')\n"
                                        + "try:\n    open('/tmp/big', 'wb').write(b'x' * (8 << 20))\nexcept OSError as e:\n    print(e.strerror)")
                        .limits(l -> l.maxFileSizeBytes(4L << 20))
                        .build());

        assertThat(r.stdout())
                .contains("equal True")
                .contains("raise refused")
                .contains("File too large")
                .doesNotContain("RAISED");
    }

    @Test
    void threadBombStops() {
        // A9
        ExecutionResult r = Host.sandbox()
                .execute(python("import threading, time\nn = 0\n"
                                + "try:\n    while n < 10000:\n"
                                + "        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n        n += 1\n"
                                + "except Exception as e:\n    print('stopped at', n, type(e).__name__)")
                        .limits(l -> l.maxProcesses(32))
                        .build());

        assertThat(r.stdout()).contains("stopped at");
        Host.assertNoRunLeft();
    }

    @Test
    void subprocessFanOutStopsAtTheProcessLimit() {
        // A10
        ExecutionResult r = Host.sandbox()
                .execute(python("import subprocess\nprocs = []\n"
                                + "try:\n    while len(procs) < 500:\n        procs.append(subprocess.Popen(['/bin/sleep', '59.0111']))\n"
                                + "except OSError as e:\n    print('stopped at', len(procs), e.strerror)")
                        .limits(l -> l.maxProcesses(20))
                        .build());

        assertThat(r.stdout()).contains("stopped at").contains("Resource temporarily unavailable");
        Host.assertNoProcessLeft("59.0111");
    }

    @Test
    void manyFilesAndDeepTreesDoNotStallOutputCollection() {
        // A14: the collector caps the entries it examines and the depth it walks.
        long start = System.nanoTime();
        ExecutionResult r = Host.sandbox()
                .execute(python(
                                "import os\n"
                                        + "os.makedirs('many')\nfor i in range(10050):\n    open(f'many/{i}', 'w').close()\n"
                                        + "os.makedirs('/'.join(['d'] * 20))\nopen('/'.join(['d'] * 20) + '/deep.txt', 'w').write('x')")
                        .outputGlob("**")
                        .limits(l -> l.wallTime(Duration.ofSeconds(20)))
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.output().files().size()).isLessThanOrEqualTo(32);
        assertThat(String.join("\n", r.output().notes()))
                .containsAnyOf("stopped after 10000 directory entries", "deeper than 16 levels");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void segfaultIsReportedAsKilledBySigsegv() {
        // A17: a C-level crash (what unbounded recursion ends in) is a clean Killed(11).
        ExecutionResult r = Host.sandbox()
                .execute(python("import ctypes\nctypes.string_at(0)").build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).signal()).isEqualTo(11);
    }

    @Test
    void slowDripIsEndedByTheWallClockNotAnIdleTimeout() {
        // A16
        ExecutionResult r = Host.sandbox()
                .execute(
                        python("import time\nwhile True:\n" + "    print('.', end='', flush=True)\n    time.sleep(0.2)")
                                .limits(l -> l.wallTime(Duration.ofMillis(1200)))
                                .build());

        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
        assertThat(r.stdout()).startsWith("...");
    }

    @Test
    void daemonThatKeepsTheOutputPipeOpenDoesNotHoldTheRun() {
        // B19 and B22: a grandchild keeps stdout open and writes after main exits.
        long start = System.nanoTime();
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, time\n"
                                + "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
                                + "        while True:\n            print('daemon alive 4242.77', flush=True)\n            time.sleep(0.05)\n"
                                + "    os._exit(0)\ntime.sleep(0.2)\nprint('main done')")
                        .limits(l -> l.wallTime(Duration.ofSeconds(8)))
                        .build());

        assertThat(r.succeeded()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        Host.assertNoRunLeft();
    }

    @Test
    void daemonDiesWhenTheHostKillsTheSandboxOnTimeout() {
        // B20 and B21: setsid/setpgid do not help against the pid namespace.
        ExecutionResult r = Host.sandbox()
                .execute(python("import os, time\n"
                                + "if os.fork() == 0:\n    os.setsid()\n    os.setpgid(0, 0)\n"
                                + "    os.execv('/bin/sleep', ['sleep', '277.313'])\ntime.sleep(3600)")
                        .limits(l -> l.wallTime(Duration.ofMillis(800)))
                        .build());

        assertThat(r).isInstanceOf(ExecutionResult.TimedOut.class);
        Host.assertNoProcessLeft("277.313");
    }

    @Test
    void stdinIsClosedSoReadingItCannotHang() {
        // A4: stdin is /dev/null for the program.
        ExecutionResult r = Host.sandbox()
                .execute(python("import sys\nprint(repr(sys.stdin.read()))")
                        .limits(l -> l.wallTime(Duration.ofSeconds(5)))
                        .build());

        assertThat(r.stdout().strip()).isEqualTo("''");
    }
}
