package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HostToolsTest {

    @Test
    void missingBubblewrapIsRefusedWithTheInstallCommand() {
        assertThatThrownBy(() -> HostTools.discover(true, name -> Optional.empty()))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("apt-get install bubblewrap");
    }

    @Test
    void missingBubblewrapIsAcceptedWithoutIsolation() {
        assertThat(HostTools.discover(false, name -> Optional.empty()).bwrap()).isNull();
    }

    @Test
    void unusableUserNamespacesAreRefusedWithTheSysctlsToSet() {
        HostTools broken = HostTools.discover(true, name -> Optional.of(Path.of("/bin/false")));

        assertThatThrownBy(() -> broken.checkUserNamespaces(List.of()))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("sysctl -w user.max_user_namespaces")
                .hasMessageContaining("kernel.unprivileged_userns_clone=1");
    }

    @Test
    void pyenvShimResolvesToTheRealInstallationTree() {
        Path shim = Path.of("/root/.pyenv/shims/python3");
        Assumptions.assumeTrue(Files.isExecutable(shim), "needs a pyenv shim");

        HostTools.PythonInstall py = HostTools.resolvePython(shim);

        assertThat(py.executable().toString())
                .startsWith("/root/.pyenv/versions/")
                .doesNotContain("shims");
        assertThat(py.prefix().toString()).startsWith("/root/.pyenv/versions/");
        assertThat(py.executable()).startsWith(py.prefix());
    }

    @Test
    void defaultInterpreterPrefersUsrBin() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")));

        assertThat(HostTools.defaultPython()).isEqualTo(Path.of("/usr/bin/python3"));
        assertThat(HostTools.resolvePython(HostTools.defaultPython()).prefix()).isEqualTo(Path.of("/usr"));
    }

    @Test
    void jdkSymlinksIntoEtcAreMountedToo() {
        Path home = Path.of(System.getProperty("java.home"));
        List<Path> trees = HostTools.jdkLinkedTrees(home);

        // documentation links are never needed to run; what every run mounts from /usr is not repeated
        assertThat(trees)
                .allMatch(
                        t -> !BwrapCommand.mountedFromUsr(t) && !t.startsWith(home) && !t.startsWith("/usr/share/doc"));
        for (int i = 0; i < trees.size(); i++) {
            for (int j = 0; j < trees.size(); j++) {
                assertThat(i == j || !trees.get(i).startsWith(trees.get(j))).isTrue();
            }
        }
    }
}
