package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which limits cgroups enforce, on this host (none usable) and with a fake delegated parent. */
class LocalSandboxCgroupTest {

    @Test
    void onThisHostRunsGetCgroupV1ChildrenThatAreRemovedAfterTheRun(@TempDir Path scratch) throws IOException {
        Path memory = Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes");
        assumeThat(Files.isWritable(memory.getParent()) && Files.exists(memory))
                .as("this test describes the project's build host (cgroup v1 memory and pids writable by root)")
                .isTrue();
        try (LocalSandbox sandbox = LocalSandbox.builder().scratchRoot(scratch).build()) {
            ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python("pass")));

            assertThat(r.succeeded()).isTrue();
            assertThat(r.output().notes())
                    .anyMatch(n -> n.startsWith("memory: cgroup v1 memory.limit_in_bytes"))
                    .anyMatch(n -> n.startsWith("processes: cgroup v1 pids.max"))
                    .anyMatch(n -> n.startsWith("cpu time: ") && n.contains("for the whole run"))
                    .anyMatch(n -> n.startsWith("cgroups: the run is in cgroup v1"));
            String note = r.output().notes().stream()
                    .filter(n -> n.startsWith("cgroups: the run is in cgroup v1 "))
                    .findFirst()
                    .orElseThrow();
            for (String dir : note.substring("cgroups: the run is in cgroup v1 ".length(), note.indexOf(" from before"))
                    .split(", ")) {
                assertThat(Path.of(dir)).as("removed after the run").doesNotExist();
            }
        }
    }

    @Test
    void withCgroupsSwitchedOffNotesNameTheFallbackMechanisms(@TempDir Path scratch) {
        try (LocalSandbox sandbox =
                LocalSandbox.builder().scratchRoot(scratch).cgroups(false).build()) {
            ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python("pass")));

            assertThat(r.succeeded()).isTrue();
            assertThat(r.output().notes())
                    .anyMatch(n -> n.startsWith("memory: no cgroup")
                            && n.contains("supervisor")
                            && n.contains("memfd_create")
                            && n.contains("worst case"))
                    .anyMatch(n -> n.startsWith("processes: RLIMIT_NPROC") && n.contains("whole run"))
                    .anyMatch(n -> n.startsWith("cpu time: ") && n.contains("supervisor"))
                    .noneMatch(n -> n.contains("memory.max") || n.contains("limit_in_bytes"));
        }
    }

    /**
     * A plain directory that looks delegated: the launcher writes its pid into the child's cgroup.procs and the
     * limit files are written, then removed with the child (the kernel enforces nothing here, so this proves
     * the plumbing, not the limits).
     */
    @Test
    void delegatedParentGivesEachRunAChildCgroupJoinedBeforeBwrapAndRemovedAfterwards(@TempDir Path tmp)
            throws Exception {
        Path parent = fakeDelegatedParent(tmp);
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .scratchRoot(Files.createDirectory(tmp.resolve("s")))
                .cgroupParent(parent)
                .build()) {
            CompletableFuture<ExecutionResult> run =
                    CompletableFuture.supplyAsync(() -> sandbox.execute(ExecutionRequest.builder()
                            .code(Code.python("import time\nprint('in', flush=True)\ntime.sleep(1)"))
                            .limits(l -> l.memoryBytes(300L << 20).maxProcesses(12))
                            .build()));
            Path child = null;
            String procs = "";
            for (int i = 0; i < 400 && (child == null || procs.isBlank()); i++) {
                Thread.sleep(5);
                try (Stream<Path> s = Files.list(parent)) {
                    child = s.filter(p -> p.getFileName().toString().startsWith("agentic-run-"))
                            .findFirst()
                            .orElse(null);
                }
                if (child != null && Files.exists(child.resolve("cgroup.procs"))) {
                    procs = Files.readString(child.resolve("cgroup.procs"));
                }
            }
            assertThat(child).isNotNull();
            assertThat(Files.readString(child.resolve("memory.max"))).isEqualTo(Long.toString(300L << 20));
            assertThat(Files.readString(child.resolve("pids.max"))).isEqualTo("14");
            assertThat(Files.readString(child.resolve("cpu.max"))).isEqualTo("100000 100000");
            long pid = Long.parseLong(procs.trim());
            Thread.sleep(300); // the launcher has written its pid; let it exec setpriv and bwrap
            assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().command()))
                    .hasValueSatisfying(c -> assertThat(c).endsWith("bwrap"));

            ExecutionResult r = run.get();

            assertThat(r.succeeded()).isTrue();
            assertThat(r.stdout()).isEqualTo("in\n");
            assertThat(child).doesNotExist();
            List<String> notes = r.output().notes();
            assertThat(notes)
                    .anyMatch(n -> n.startsWith("memory: cgroup v2 memory.max " + (300L << 20)))
                    .anyMatch(n -> n.startsWith("processes: cgroup v2 pids.max 14"))
                    .anyMatch(n -> n.startsWith("cpu time: ") && n.contains("cpu.max"))
                    .anyMatch(n -> n.startsWith("cgroups: the run is in " + parent));
            assertThat(Files.readString(parent.resolve("cgroup.subtree_control")))
                    .isEqualTo("+memory +pids +cpu");
        }
    }

    @Test
    void prestartedSandboxIsInItsOwnChildCgroupWhileItWaitsAndTheChildGoesWithTheRun(@TempDir Path tmp)
            throws Exception {
        Path parent = fakeDelegatedParent(tmp);
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .scratchRoot(Files.createDirectory(tmp.resolve("s")))
                .cgroupParent(parent)
                .prestart(Language.PYTHON, 1)
                .build()) {
            Path waiting = null;
            for (int i = 0; i < 400 && waiting == null; i++) {
                Thread.sleep(5);
                waiting = childWithProcess(parent);
            }
            assertThat(waiting)
                    .as("a prestarted sandbox's cgroup, joined before bwrap")
                    .isNotNull();
            long pid = Long.parseLong(
                    Files.readString(waiting.resolve("cgroup.procs")).trim());
            Thread.sleep(300); // let the launcher exec setpriv and bwrap
            assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().command()))
                    .hasValueSatisfying(c -> assertThat(c).endsWith("bwrap"));

            ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python("print('in')")));

            assertThat(r.stdout()).isEqualTo("in\n");
            String cgroup = waiting.toString();
            assertThat(r.output().notes())
                    .anyMatch(n -> n.contains("started ahead of the request"))
                    .anyMatch(n -> n.startsWith("cgroups: the run is in " + cgroup));
            // a run in a sandbox started ahead returns once its result is final; the cgroup is removed right
            // after, on a teardown thread (polled, generously: the machine may be loaded)
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Files.exists(waiting) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(waiting).as("removed after the run").doesNotExist();
        }
    }

    private static Path childWithProcess(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path procs = p.resolve("cgroup.procs");
                if (p.getFileName().toString().startsWith("agentic-run-")
                        && Files.exists(procs)
                        && !Files.readString(procs).isBlank()) {
                    return p;
                }
            }
        }
        return null;
    }

    /** A plain directory under {@code tmp} that looks like a delegated cgroup v2 parent with cpu, memory, pids. */
    private static Path fakeDelegatedParent(Path tmp) throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x")); // sandbox uid enters
        Path parent = Files.createDirectories(tmp.resolve("delegated"));
        Files.writeString(parent.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(parent.resolve("cgroup.subtree_control"), "");
        return parent;
    }
}
