package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup v1 detection against fake {@code /proc/self/cgroup}, mountinfo and hierarchy directories. */
class CgroupV1Test {

    /** Fake v1 hierarchies under {@code tmp}: memory (JVM in /app), pids, and a combined cpu,cpuacct mount. */
    private static void fakeHost(Path tmp, boolean withPids) throws IOException {
        Files.writeString(tmp.resolve("cgroup"), "9:pids:/\n4:memory:/app\n2:cpu,cpuacct:/\n0::/\n");
        StringBuilder mi = new StringBuilder("30 22 0:27 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n");
        mi.append("34 30 0:31 / ").append(tmp.resolve("memory")).append(" rw - cgroup cgroup rw,memory\n");
        if (withPids) {
            mi.append("38 30 0:35 / ").append(tmp.resolve("pids")).append(" rw - cgroup cgroup rw,pids\n");
        }
        mi.append("31 30 0:28 / ").append(tmp.resolve("cpu")).append(" rw - cgroup cgroup rw,cpu,cpuacct\n");
        mi.append("40 30 0:37 / ").append(tmp.resolve("unified")).append(" rw - cgroup2 cgroup2 rw\n");
        Files.writeString(tmp.resolve("mountinfo"), mi.toString());
        for (Path d : new Path[] {tmp.resolve("memory/app"), tmp.resolve("pids"), tmp.resolve("cpu")}) {
            Files.createDirectories(d);
            Files.writeString(d.resolve("cgroup.procs"), "");
        }
        Files.writeString(tmp.resolve("memory/app/memory.limit_in_bytes"), "9223372036854771712\n");
    }

    @Test
    void theJvmsOwnCgroupInEachHierarchyIsTheParentOfRunCgroups(@TempDir Path tmp) throws IOException {
        fakeHost(tmp, true);

        CgroupV1 g = CgroupV1.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"));

        assertThat(g.usable()).as(g.toString()).isTrue();
        assertThat(g.memory()).isEqualTo(tmp.resolve("memory/app"));
        assertThat(g.pids()).isEqualTo(tmp.resolve("pids"));
        assertThat(g.cpu()).isEqualTo(tmp.resolve("cpu"));
        assertThat(g.cpuacct()).isEqualTo(tmp.resolve("cpu"));
    }

    @Test
    void withoutAPidsHierarchyCgroupV1IsNotUsedAndTheReasonSaysWhy(@TempDir Path tmp) throws IOException {
        fakeHost(tmp, false);

        CgroupV1 g = CgroupV1.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"));

        assertThat(g.usable()).isFalse();
        assertThat(g.reason()).contains("pids: missing or read-only");
    }

    @Test
    void runCgroupsLeftByAJvmThatIsGoneAreRemovedAtDetection(@TempDir Path tmp) throws IOException {
        fakeHost(tmp, true);
        Path stale = Files.createDirectory(tmp.resolve("pids/agentic-run-999999999-7"));
        Path mine = Files.createDirectory(
                tmp.resolve("pids/agentic-run-" + ProcessHandle.current().pid() + "-1"));

        CgroupV1.detect(tmp.resolve("cgroup"), tmp.resolve("mountinfo"));

        assertThat(stale).doesNotExist();
        assertThat(mine).exists();
    }
}
