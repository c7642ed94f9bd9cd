package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.sandbox.SandboxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which interpreter trees a sandbox can mount where programs find them. */
class InterpreterTreeMountTest {

    @Test
    void aTreeUnderADirectoryEverySandboxReplacesIsRefusedNamingWhereToPutIt() {
        for (String tree : new String[] {"/sandbox/node", "/proc/self/root/opt/node", "/dev/shm/jdk"}) {
            assertThatThrownBy(() -> SandboxSetup.requireMountable(Path.of(tree), "the Node.js installation"))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining(tree)
                    .hasMessageContaining("is replaced inside every sandbox")
                    .hasMessageContaining("/opt");
        }
    }

    @Test
    void aTreeUnderTheHostsTmpOrOptIsAccepted() {
        assertThatCode(() -> SandboxSetup.requireMountable(Path.of("/tmp/node-v24"), "the Node.js installation"))
                .doesNotThrowAnyException();
        assertThatCode(() -> SandboxSetup.requireMountable(Path.of("/opt/jdk-25"), "the JDK"))
                .doesNotThrowAnyException();
        assertThatCode(() -> SandboxSetup.requireMountable(Path.of("/sandboxes/jdk"), "the JDK"))
                .doesNotThrowAnyException();
    }
}
