package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRuntimeTest {
    private static NodeRuntime node(int major, int minor) {
        return new NodeRuntime(Path.of("/opt/node/bin/node"), Path.of("/opt/node"), major, minor);
    }

    @Test
    void typeScriptNeedsTypeStrippingAndAFlagBefore22Point18And23Point6() {
        assertThat(node(20, 20).runsTypeScript()).isFalse();
        assertThat(node(22, 5).runsTypeScript()).isFalse();
        assertThat(node(22, 6).typeScriptFlags()).containsExactly("--experimental-strip-types");
        assertThat(node(22, 17).typeScriptFlags()).containsExactly("--experimental-strip-types");
        assertThat(node(22, 18).typeScriptFlags()).isEmpty();
        assertThat(node(23, 5).typeScriptFlags()).containsExactly("--experimental-strip-types");
        assertThat(node(23, 6).typeScriptFlags()).isEmpty();
        assertThat(node(24, 0).typeScriptFlags()).isEmpty();
    }

    @Test
    void proxyVariablesAreHonouredFrom24Point5() {
        assertThat(node(22, 21).honoursProxyEnvironment()).isFalse();
        assertThat(node(24, 4).honoursProxyEnvironment()).isFalse();
        assertThat(node(24, 5).honoursProxyEnvironment()).isTrue();
        assertThat(node(25, 0).honoursProxyEnvironment()).isTrue();
    }

    @Test
    void anOwnInstallTreeIsMountedASharedOneOnlyByItsExecutableAndUsrNotAtAll() {
        assertThat(NodeRuntime.mountFor(Path.of("/opt/agentic-node24/bin/node")))
                .isEqualTo(Path.of("/opt/agentic-node24"));
        assertThat(NodeRuntime.mountFor(Path.of("/usr/local/bin/node"))).isEqualTo(Path.of("/usr/local/bin/node"));
        assertThat(NodeRuntime.mountFor(Path.of("/opt/bin/node"))).isEqualTo(Path.of("/opt/bin/node"));
        assertThat(NodeRuntime.mountFor(Path.of("/srv/node"))).isEqualTo(Path.of("/srv/node"));
        if (BwrapCommand.mountedFromUsr(Path.of("/usr/bin/node"))) {
            assertThat(NodeRuntime.mountFor(Path.of("/usr/bin/node"))).isNull();
        }
    }

    @Test
    void commandRunsTheProgramFileWithHeapAndTypeScriptFlags() {
        ExecutionLimits limits =
                ExecutionLimits.builder().memoryBytes(256L << 20).build();

        assertThat(NodeCommand.argv(node(22, 10), Language.TYPESCRIPT, limits, "/sandbox/main.ts"))
                .isEqualTo(List.of(
                        "/opt/node/bin/node",
                        "--max-old-space-size=160",
                        "--v8-pool-size=1",
                        "--experimental-strip-types",
                        "/sandbox/main.ts"));
        assertThat(NodeCommand.argv(node(24, 0), Language.JAVASCRIPT, limits, "/sandbox/main.js"))
                .endsWith("--v8-pool-size=1", "/sandbox/main.js");
        assertThat(BwrapCommand.programFile(Language.JAVASCRIPT)).isEqualTo("main.js");
        assertThat(BwrapCommand.programFile(Language.TYPESCRIPT)).isEqualTo("main.ts");
    }
}
