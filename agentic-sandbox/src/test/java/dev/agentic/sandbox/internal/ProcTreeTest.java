package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ProcTree} against real processes on this host. */
class ProcTreeTest {

    @Test
    void killPidNamespaceKillsEveryProcessInsideWhateverItsCommandLineSays() throws Exception {
        // a process tree in its own user and pid namespace, as a sandbox has: unshare (host side) forks the init
        Process unshare = new ProcessBuilder(
                        "unshare", "--user", "--map-root-user", "--pid", "--fork", "sh", "-c", "sleep 611 & sleep 612")
                .redirectErrorStream(true)
                .start();
        try {
            long init = awaitChild(unshare.pid());
            long namespace = namespaceOf(init);
            assertThat(namespace)
                    .isNotEqualTo(namespaceOf(ProcessHandle.current().pid()));
            awaitCount(namespace, 3);

            int killed = ProcTree.killPidNamespace(namespace);

            assertThat(killed).isGreaterThanOrEqualTo(1);
            assertThat(unshare.waitFor(5, TimeUnit.SECONDS))
                    .as("the namespace's init is gone")
                    .isTrue();
            assertThat(ProcTree.withCommandLineContaining("sleep 611")).isEmpty();
            assertThat(ProcTree.withCommandLineContaining("sleep 612")).isEmpty();
        } finally {
            unshare.destroyForcibly();
        }
    }

    @Test
    void killPidNamespaceOfAnUnknownNamespaceKillsNothing() {
        assertThat(ProcTree.killPidNamespace(1)).isZero();
    }

    private static long awaitChild(long pid) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            List<Long> kids = ProcTree.children(pid);
            if (!kids.isEmpty()) {
                return kids.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("unshare forked no init");
    }

    private static void awaitCount(long namespace, int n) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inNamespace(namespace) < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(inNamespace(namespace)).as("processes in the namespace").isEqualTo(n);
    }

    private static int inNamespace(long namespace) throws Exception {
        int n = 0;
        try (var s = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : s) {
                try {
                    if (Files.readSymbolicLink(p.resolve("ns/pid")).toString().equals("pid:[" + namespace + "]")
                            && ProcTree.running(Long.parseLong(p.getFileName().toString()))) {
                        n++;
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        return n;
    }

    private static long namespaceOf(long pid) throws Exception {
        String link = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns/pid"))
                .toString();
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
    }
}
