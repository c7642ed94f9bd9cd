package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup v2 detection and per-run cgroup files, against fake cgroupfs trees built in a temporary directory. */
class CgroupTest {

    /** A fake /proc/self/cgroup and mountinfo with cgroup2 mounted at {@code mount}; returns the JVM's dir. */
    private static Path fakeHost(Path tmp, Path mount, String own, String controllers) throws IOException {
        Files.writeString(tmp.resolve("cgroup"), "4:memory:/x\n0::" + own + "\n");
        Files.writeString(
                tmp.resolve("mountinfo"),
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw\n" + "41 31 0:38 / " + mount
                        + " rw,relatime - cgroup2 cgroup2 rw\n");
        Path dir = mount.resolve(own.substring(1));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(dir.resolve("cgroup.subtree_control"), "");
        return dir;
    }

    @Test
    void delegatedCgroupOfTheJvmIsUsableAndGetsItsControllersEnabledForChildren(@TempDir Path tmp) throws IOException {
        Path dir = fakeHost(tmp, tmp.resolve("cg"), "/user.slice/app.service", "cpuset cpu io memory pids");

        Cgroup c = Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), null);

        assertThat(c.usable()).isTrue();
        assertThat(c.base()).isEqualTo(dir);
        assertThat(c.cpu()).isTrue();
        assertThat(Files.readString(dir.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
    }

    @Test
    void cgroupWithoutCpuIsUsableForMemoryAndProcessesOnly(@TempDir Path tmp) throws IOException {
        Path dir = fakeHost(tmp, tmp.resolve("cg"), "/a", "memory pids");
        Files.writeString(dir.resolve("cgroup.subtree_control"), "memory pids\n");

        Cgroup c = Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), null);

        assertThat(c.usable()).isTrue();
        assertThat(c.cpu()).isFalse();
        assertThat(Files.readString(dir.resolve("cgroup.subtree_control"))).isEqualTo("memory pids\n");
    }

    @Test
    void hierarchyWithoutMemoryAndPidsControllersIsUnusableAndLeftUntouched(@TempDir Path tmp) throws IOException {
        Path dir = fakeHost(tmp, tmp.resolve("unified"), "/", "hugetlb");
        Files.delete(dir.resolve("cgroup.subtree_control"));

        Cgroup c = Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), null);

        assertThat(c.usable()).isFalse();
        assertThat(c.reason()).contains("[hugetlb]").contains("not both memory and pids");
        assertThat(dir.resolve("cgroup.subtree_control")).doesNotExist();
    }

    @Test
    void hostWithOnlyCgroupV1IsUnusable(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("cgroup"), "4:memory:/x\n1:cpu:/\n");
        Files.writeString(
                tmp.resolve("mountinfo"), "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n");

        Cgroup c = Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), null);

        assertThat(c.usable()).isFalse();
        assertThat(c.reason()).contains("cgroup v1 only");
    }

    @Test
    void cgroupWhoseSubtreeControlCannotBeWrittenIsUnusable(@TempDir Path tmp) throws IOException {
        Path dir = fakeHost(tmp, tmp.resolve("cg"), "/busy", "memory pids");
        Files.delete(dir.resolve("cgroup.subtree_control"));
        Files.createDirectory(dir.resolve("cgroup.subtree_control"));

        Cgroup c = Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), null);

        assertThat(c.usable()).isFalse();
        assertThat(c.reason()).contains("cannot enable memory and pids").contains("cgroupParent");
    }

    @Test
    void readOnlyCgroupIsUnusable(@TempDir Path tmp) throws IOException {
        assumeThat(System.getProperty("user.name"))
                .as("root may write anywhere")
                .isNotEqualTo("root");
        Path dir = fakeHost(tmp, tmp.resolve("cg"), "/ro", "memory pids");
        Files.setPosixFilePermissions(
                dir.resolve("cgroup.subtree_control"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));

        Cgroup c = Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), null);

        assertThat(c.usable()).isFalse();
        assertThat(c.reason()).contains("not writable");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void configuredParentIsCheckedInsteadOfTheJvmsOwnCgroup(@TempDir Path tmp) throws IOException {
        fakeHost(tmp, tmp.resolve("cg"), "/own", "hugetlb");
        Path parent = Files.createDirectories(tmp.resolve("delegated"));
        Files.writeString(parent.resolve("cgroup.controllers"), "memory pids\n");
        Files.writeString(parent.resolve("cgroup.subtree_control"), "");

        assertThat(Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), parent)
                        .base())
                .isEqualTo(parent);
        assertThat(Cgroup.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"), tmp.resolve("nope"))
                        .reason())
                .contains("not a cgroup v2 directory");
    }

    @Test
    void runCgroupWritesTheLimitsAndIsRemovedOnClose(@TempDir Path tmp) throws IOException {
        Path base = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(base.resolve("cgroup.controllers"), "cpu memory pids");
        Files.writeString(base.resolve("cgroup.subtree_control"), "");
        Cgroup c = Cgroup.check(base);
        ExecutionLimits limits = ExecutionLimits.builder()
                .memoryBytes(128L << 20)
                .maxProcesses(7)
                .build();

        RunCgroup g = c.createRun(limits, new ArrayList<>());
        Path dir = g.path();

        assertThat(dir.getParent()).isEqualTo(base);
        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(128L << 20));
        assertThat(Files.readString(dir.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo("9");
        assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("100000 100000");
        assertThat(g.procs()).isEqualTo(dir.resolve("cgroup.procs"));
        assertThat(g.limitHit()).isNull();
        g.close();
        assertThat(dir).doesNotExist();
        assertThat(base).isDirectory();
    }

    @Test
    void eventsFilesAttributeTheKillToMemoryOrProcesses(@TempDir Path tmp) throws IOException {
        Path base = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(base.resolve("cgroup.controllers"), "memory pids");
        Files.writeString(base.resolve("cgroup.subtree_control"), "memory pids");
        Cgroup c = Cgroup.check(base);
        try (RunCgroup oom = c.createRun(ExecutionLimits.defaults(), new ArrayList<>());
                RunCgroup fork = c.createRun(ExecutionLimits.defaults(), new ArrayList<>())) {
            Files.writeString(oom.path().resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
            Files.writeString(fork.path().resolve("pids.events"), "max 3\n");

            assertThat(oom.limitHit()).isEqualTo(Limit.MEMORY);
            assertThat(fork.limitHit()).isEqualTo(Limit.PROCESSES);
            assertThat(fork.cpuLimited()).isFalse();
        }
    }

    @Test
    void cgroupLimitDecidesTheAttributionOfAFailedRun() {
        ExecutionOutput out =
                ExecutionOutput.builder().duration(Duration.ofMillis(10)).build();
        ExecutionLimits l = ExecutionLimits.defaults();

        assertThat(Outcome.map(137, Outcome.KilledBy.NOBODY, l, out, Limit.MEMORY))
                .isEqualTo(new ExecutionResult.Killed(9, Limit.MEMORY, out));
        assertThat(Outcome.map(1, Outcome.KilledBy.NOBODY, l, out, Limit.PROCESSES))
                .isEqualTo(new ExecutionResult.Killed(0, Limit.PROCESSES, out));
        assertThat(Outcome.map(0, Outcome.KilledBy.NOBODY, l, out, Limit.MEMORY))
                .isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(Outcome.map(1, Outcome.KilledBy.NOBODY, l, out, null)).isInstanceOf(ExecutionResult.Failed.class);
    }

    @Test
    void thisHostHasNoUsableCgroupV2() throws IOException {
        Path unified = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");
        assumeThat(Files.exists(unified) && !Files.readString(unified).contains("memory"))
                .as("this test describes the project's build host (hybrid cgroups, v2 with hugetlb only)")
                .isTrue();

        Cgroup c = Cgroup.detect(null);

        assertThat(c.usable()).isFalse();
        assertThat(c.reason()).contains("not both memory and pids");
    }
}
