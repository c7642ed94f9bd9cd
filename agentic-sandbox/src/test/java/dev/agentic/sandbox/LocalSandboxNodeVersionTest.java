package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.testkit.node.TestNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a {@link LocalSandbox} declares and refuses depending on its Node.js version, with stand-in executables
 * that only print a version (nothing here runs them as programs: every request is refused before it starts).
 */
class LocalSandboxNodeVersionTest {

    @Test
    void node20RunsJavaScriptButNotTypeScriptAndTheRefusalSaysWhichNodeIsNeeded() throws IOException {
        try (LocalSandbox sandbox =
                LocalSandbox.builder().nodeExecutable(TestNode.fake("v20.20.2")).build()) {
            assertThat(sandbox.capabilities().languages())
                    .contains(Language.JAVASCRIPT)
                    .doesNotContain(Language.TYPESCRIPT);

            assertThatThrownBy(() -> sandbox.execute(ExecutionRequest.of(new Code(Language.TYPESCRIPT, "1"))))
                    .isInstanceOfSatisfying(
                            UnsupportedCapabilityException.class,
                            e -> assertThat(e.unsupportedLanguage()).contains(Language.TYPESCRIPT))
                    .hasMessageContaining("Node.js 22.18")
                    .hasMessageContaining("nodeExecutable");
        }
    }

    @Test
    void node22WithTypeStrippingDeclaresTypeScript() throws IOException {
        try (LocalSandbox sandbox =
                LocalSandbox.builder().nodeExecutable(TestNode.fake("v22.18.0")).build()) {
            assertThat(sandbox.capabilities().languages()).contains(Language.JAVASCRIPT, Language.TYPESCRIPT);
        }
    }

    @Test
    void anAllowlistForANodeThatIgnoresProxyVariablesIsRefusedNamingTheVersionNeeded() throws IOException {
        try (LocalSandbox sandbox =
                LocalSandbox.builder().nodeExecutable(TestNode.fake("v22.18.0")).build()) {
            ExecutionRequest request = ExecutionRequest.builder()
                    .code(new Code(Language.JAVASCRIPT, "fetch('https://example.com')"))
                    .network(NetworkPolicy.allow("example.com"))
                    .build();

            assertThatThrownBy(() -> sandbox.execute(request))
                    .isInstanceOfSatisfying(
                            UnsupportedCapabilityException.class,
                            e -> assertThat(e.missing()).containsExactly(SandboxCapability.HOST_ALLOWLIST))
                    .hasMessageContaining("Node.js 24.5");
        }
    }

    @Test
    void aConfiguredNodeThatDoesNotExistFailsTheBuildSayingWhatToSet() {
        assertThatThrownBy(() -> LocalSandbox.builder()
                        .nodeExecutable(Path.of("/nonexistent/bin/node"))
                        .build())
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("nodeExecutable");
    }

    @Test
    void asRootANodeTheSandboxUidCannotReachIsRefusedWithAFix() throws IOException {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "only the root JVM drops to a sandbox uid");
        Path node = TestNode.fake("v24.22.3");
        Files.setPosixFilePermissions(node.getParent(), PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> LocalSandbox.builder().nodeExecutable(node).build())
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("cannot enter")
                .hasMessageContaining("nodeExecutable");
    }

    @Test
    void aNodeInstalledUnderTheHostsTmpRunsDespiteTheSandboxsOwnTmp() throws Exception {
        // a hard link: the same node, installed under the host's /tmp
        Path link = TestNode.linkedUnder(Path.of("/tmp"), TestNode.path());
        try (LocalSandbox sandbox = LocalSandbox.builder().nodeExecutable(link).build()) {
            var result = sandbox.execute(ExecutionRequest.of(new Code(
                    Language.JAVASCRIPT, "require('fs').writeFileSync('/tmp/x', 'w'); console.log(process.execPath)")));

            assertThat(result.succeeded()).as(result.toString()).isTrue();
            assertThat(result.output().stdout().strip()).isEqualTo(link.toString());
        } finally {
            TestNodes.deleteLink(link);
        }
    }
}
