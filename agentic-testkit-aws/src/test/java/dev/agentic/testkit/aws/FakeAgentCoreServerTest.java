package dev.agentic.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.core.Language;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreAsyncClient;
import software.amazon.awssdk.services.bedrockagentcore.model.CodeInterpreterResult;
import software.amazon.awssdk.services.bedrockagentcore.model.CodeInterpreterSessionStatus;
import software.amazon.awssdk.services.bedrockagentcore.model.ContentBlock;
import software.amazon.awssdk.services.bedrockagentcore.model.InputContentBlock;
import software.amazon.awssdk.services.bedrockagentcore.model.InvokeCodeInterpreterResponse;
import software.amazon.awssdk.services.bedrockagentcore.model.InvokeCodeInterpreterResponseHandler;
import software.amazon.awssdk.services.bedrockagentcore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockagentcore.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockagentcore.model.ToolArguments;
import software.amazon.awssdk.services.bedrockagentcore.model.ToolName;
import software.amazon.awssdk.services.bedrockagentcore.model.ValidationException;

/** The fake AgentCore server driven by the real AWS SDK async client, code running in a real local sandbox. */
class FakeAgentCoreServerTest {
    static final LocalSandbox SANDBOX = LocalSandbox.builder().build();
    static final FakeAgentCoreServer SERVER = FakeAgentCoreServer.start(SANDBOX);
    static final BedrockAgentCoreAsyncClient CLIENT = BedrockAgentCoreAsyncClient.builder()
            .endpointOverride(SERVER.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
            .build();
    static final String ID = FakeAgentCoreServer.DEFAULT_IDENTIFIER;

    @AfterAll
    static void close() {
        CLIENT.close();
        SERVER.close();
        SANDBOX.close();
    }

    private static BedrockAgentCoreAsyncClient client(FakeAgentCoreServer server) {
        return BedrockAgentCoreAsyncClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .build();
    }

    private static String start(int timeoutSeconds) {
        return start(CLIENT, timeoutSeconds);
    }

    private static String start(BedrockAgentCoreAsyncClient client, int timeoutSeconds) {
        return client.startCodeInterpreterSession(
                        b -> b.codeInterpreterIdentifier(ID).name("t").sessionTimeoutSeconds(timeoutSeconds))
                .join()
                .sessionId();
    }

    private static CodeInterpreterResult invoke(String session, ToolName tool, ToolArguments args) {
        return invoke(CLIENT, session, tool, args);
    }

    private static CodeInterpreterResult invoke(
            BedrockAgentCoreAsyncClient client, String session, ToolName tool, ToolArguments args) {
        List<CodeInterpreterResult> results = new ArrayList<>();
        client.invokeCodeInterpreter(
                        b -> b.codeInterpreterIdentifier(ID)
                                .sessionId(session)
                                .name(tool)
                                .arguments(args),
                        InvokeCodeInterpreterResponseHandler.builder()
                                .subscriber(InvokeCodeInterpreterResponseHandler.Visitor.builder()
                                        .onResult(results::add)
                                        .build())
                                .build())
                .join();
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void sessionsStartAreDescribedListedAndStopped() {
        String id = start(900);

        assertThat(CLIENT.getCodeInterpreterSession(
                                b -> b.codeInterpreterIdentifier(ID).sessionId(id))
                        .join()
                        .status())
                .isEqualTo(CodeInterpreterSessionStatus.READY);
        assertThat(SERVER.activeSessionIds()).contains(id);
        assertThat(CLIENT.listCodeInterpreterSessions(b -> b.codeInterpreterIdentifier(ID))
                        .join()
                        .items())
                .anyMatch(s -> s.sessionId().equals(id));

        CLIENT.stopCodeInterpreterSession(b -> b.codeInterpreterIdentifier(ID).sessionId(id))
                .join();

        assertThat(CLIENT.getCodeInterpreterSession(
                                b -> b.codeInterpreterIdentifier(ID).sessionId(id))
                        .join()
                        .status())
                .isEqualTo(CodeInterpreterSessionStatus.TERMINATED);
        assertThat(SERVER.activeSessionIds()).doesNotContain(id);
    }

    @Test
    void executeCodeRunsForRealAndReportsStructuredContent() {
        String id = start(900);
        try {
            CodeInterpreterResult r = invoke(
                    id,
                    ToolName.EXECUTE_CODE,
                    ToolArguments.builder()
                            .language("python")
                            .code("import sys\nprint(6 * 7)\nprint('oops', file=sys.stderr)\nsys.exit(5)")
                            .build());

            assertThat(r.structuredContent().stdout()).isEqualTo("42\n");
            assertThat(r.structuredContent().stderr()).contains("oops");
            assertThat(r.structuredContent().exitCode()).isEqualTo(5);
            assertThat(r.isError()).isTrue();
            assertThatThrownBy(() -> invoke(
                            id,
                            ToolName.EXECUTE_CODE,
                            ToolArguments.builder().language("ruby").code("1").build()))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ValidationException.class);
        } finally {
            SERVER.expire(id);
        }
    }

    @Test
    void filesAreWrittenListedReadAndRemovedAcrossCalls() {
        String id = start(900);
        try {
            byte[] binary = {0, (byte) 0xff, 1, (byte) 0xfe};
            invoke(
                    id,
                    ToolName.WRITE_FILES,
                    ToolArguments.builder()
                            .content(
                                    InputContentBlock.builder()
                                            .path("a.txt")
                                            .text("hello")
                                            .build(),
                                    InputContentBlock.builder()
                                            .path("d/b.bin")
                                            .blob(SdkBytes.fromByteArray(binary))
                                            .build())
                            .build());
            invoke(
                    id,
                    ToolName.EXECUTE_CODE,
                    ToolArguments.builder()
                            .code("open('c.txt', 'w').write(open('a.txt').read() + ' world')")
                            .build());

            List<ContentBlock> listed = invoke(
                            id,
                            ToolName.LIST_FILES,
                            ToolArguments.builder().path(".").build())
                    .content();
            assertThat(listed).extracting(ContentBlock::name).containsExactly("a.txt", "c.txt", "d");
            assertThat(listed.get(1).typeAsString()).isEqualTo("resource_link");
            assertThat(listed.get(1).uri()).isEqualTo("file:///workspace/c.txt");
            assertThat(listed.get(1).size()).isEqualTo(11L);
            assertThat(listed.get(2).uri()).isEqualTo("file:///workspace/d/");
            assertThat(listed.get(2).mimeType()).isEqualTo("inode/directory");
            List<ContentBlock> sub = invoke(
                            id,
                            ToolName.LIST_FILES,
                            ToolArguments.builder().directoryPath("d").build())
                    .content();
            assertThat(sub).extracting(ContentBlock::uri).containsExactly("file:///workspace/d/b.bin");
            assertThat(sub.get(0).size()).isEqualTo(4L);
            List<ContentBlock> read = invoke(
                            id,
                            ToolName.READ_FILES,
                            ToolArguments.builder().paths("c.txt", "d/b.bin").build())
                    .content();
            assertThat(read.get(0).resource().text()).isEqualTo("hello world");
            assertThat(read.get(0).resource().uri()).isEqualTo("file://c.txt");
            assertThat(read.get(1).resource().blob().asByteArray()).isEqualTo(binary);

            invoke(
                    id,
                    ToolName.REMOVE_FILES,
                    ToolArguments.builder().paths("a.txt").build());
            CodeInterpreterResult missing = invoke(
                    id,
                    ToolName.READ_FILES,
                    ToolArguments.builder().paths("a.txt").build());
            assertThat(missing.isError()).isTrue();
            assertThat(new String(
                            missing.content().get(0).text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .contains("a.txt");
        } finally {
            SERVER.expire(id);
        }
    }

    @Test
    void javaScriptRunsForRealAndSharesTheSessionsFilesWithTheOtherTools() {
        assumeTrue(
                SANDBOX.capabilities().runs(Language.JAVASCRIPT),
                "the local sandbox does not run JavaScript here (no Node.js found)");
        String id = start(900);
        try {
            invoke(
                    id,
                    ToolName.WRITE_FILES,
                    ToolArguments.builder()
                            .content(InputContentBlock.builder()
                                    .path("in/a.txt")
                                    .text("from writeFiles")
                                    .build())
                            .build());
            CodeInterpreterResult r = invoke(
                    id,
                    ToolName.EXECUTE_CODE,
                    ToolArguments.builder()
                            .language("javascript")
                            .code(
                                    "const fs = require(\"node:fs\");\nlet seen = fs.readFileSync(\"in/a.txt\", \"utf8\");\n"
                                            + "fs.writeFileSync(\"b.txt\", seen.toUpperCase());\nfs.rmSync(\"in/a.txt\");\n"
                                            + "console.log(seen.length);")
                            .build());
            assertThat(r.structuredContent().stdout()).isEqualTo("15\n");
            assertThat(r.structuredContent().exitCode()).isZero();

            CodeInterpreterResult again = invoke(
                    id,
                    ToolName.EXECUTE_CODE,
                    ToolArguments.builder()
                            .language("javascript")
                            .code("console.log(seen)")
                            .build());
            assertThat(again.structuredContent().stdout())
                    .as("variables persist")
                    .isEqualTo("from writeFiles\n");
            List<ContentBlock> listed = invoke(
                            id, ToolName.LIST_FILES, ToolArguments.builder().build())
                    .content();
            assertThat(listed).extracting(ContentBlock::name).containsExactly("b.txt");
            assertThat(invoke(
                                    id,
                                    ToolName.READ_FILES,
                                    ToolArguments.builder().paths("b.txt").build())
                            .content()
                            .get(0)
                            .resource()
                            .text())
                    .isEqualTo("FROM WRITEFILES");
        } finally {
            SERVER.expire(id);
        }
    }

    @Test
    void aLanguageTheSandboxDoesNotRunIsAValidationError(@TempDir Path dir) throws IOException {
        // a stand-in for a Node.js 20, which runs JavaScript but cannot strip TypeScript's types
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path node = Files.writeString(dir.resolve("node"), "#!/bin/sh\necho v20.1.0\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LocalSandbox noTypeScript =
                        LocalSandbox.builder().nodeExecutable(node).build();
                FakeAgentCoreServer server = FakeAgentCoreServer.start(noTypeScript);
                BedrockAgentCoreAsyncClient client = client(server)) {
            assertThat(noTypeScript.capabilities().runs(Language.TYPESCRIPT)).isFalse();
            String id = start(client, 900);
            assertThatThrownBy(() -> invoke(
                            client,
                            id,
                            ToolName.EXECUTE_CODE,
                            ToolArguments.builder()
                                    .language("typescript")
                                    .code("const a: number = 1")
                                    .build()))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ValidationException.class)
                    .hasMessageContaining("typescript");
            client.stopCodeInterpreterSession(
                            b -> b.codeInterpreterIdentifier(ID).sessionId(id))
                    .join();
            assertThat(server.activeSessions()).isZero();
        }
    }

    @Test
    void aSessionEndsAfterItsTimeoutAndCallsToItAreNotFound() throws Exception {
        String id = start(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (SERVER.activeSessionIds().contains(id)) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }

        assertThatThrownBy(() -> invoke(
                        id,
                        ToolName.EXECUTE_CODE,
                        ToolArguments.builder().code("print(1)").build()))
                .hasCauseInstanceOf(ResourceNotFoundException.class);
        assertThat(SERVER.requests())
                .anyMatch(r -> r.sessionId().equals(id) && r.tool().equals("executeCode"));
    }

    @Test
    void injectedFaultsReachTheClient() {
        String id = start(900);
        try {
            SERVER.inject(AgentCoreFault.inStream("validationException"));
            assertThatThrownBy(() -> invoke(
                            id,
                            ToolName.EXECUTE_CODE,
                            ToolArguments.builder().code("print(1)").build()))
                    .hasCauseInstanceOf(ValidationException.class);

            SERVER.inject(AgentCoreFault.throttling(AgentCoreFault.Operation.INVOKE));
            CodeInterpreterResult afterRetry = invoke(
                    id,
                    ToolName.EXECUTE_CODE,
                    ToolArguments.builder().code("print(2)").build());
            assertThat(afterRetry.structuredContent().stdout()).isEqualTo("2\n");
        } finally {
            SERVER.expire(id);
        }
    }

    @Test
    void aSandboxAtItsSessionCapMakesStartAQuotaError() {
        try (LocalSandbox full = LocalSandbox.builder().maxSessions(0).build();
                FakeAgentCoreServer server = FakeAgentCoreServer.start(full);
                BedrockAgentCoreAsyncClient client = client(server)) {
            assertThatThrownBy(() -> client.startCodeInterpreterSession(b -> b.codeInterpreterIdentifier(ID))
                            .join())
                    .hasCauseInstanceOf(ServiceQuotaExceededException.class);
            assertThat(server.activeSessions()).isZero();
        }
    }

    @Test
    void itAnswersOnDaemonThreadsSoAServerLeftOpenDoesNotHoldTheJvm() {
        String id = start(900);
        SERVER.expire(id);

        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fake-agentcore"))
                .toList();
        assertThat(threads).isNotEmpty().allMatch(Thread::isDaemon);
    }

    @Test
    void closeEndsTheCallsInFlightAndTheSessionsAndTheEndpointRefusesRequestsAfterwards() throws Exception {
        try (FakeAgentCoreServer server = FakeAgentCoreServer.start(SANDBOX);
                BedrockAgentCoreAsyncClient client = client(server)) {
            String id = start(client, 900);
            CompletableFuture<Void> sleeping = client.invokeCodeInterpreter(
                    b -> b.codeInterpreterIdentifier(ID)
                            .sessionId(id)
                            .name(ToolName.EXECUTE_CODE)
                            .arguments(ToolArguments.builder()
                                    .code("import time\ntime.sleep(60)")
                                    .build()),
                    InvokeCodeInterpreterResponseHandler.builder()
                            .onResponse((InvokeCodeInterpreterResponse r) -> {})
                            .subscriber(e -> {})
                            .build());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.requests("executeCode").isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }

            server.close();

            assertThat(server.activeSessions()).isZero();
            assertThatThrownBy(() -> sleeping.get(30, TimeUnit.SECONDS))
                    .as("the call in flight fails at once instead of running its 60 s")
                    .isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> start(client, 900))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(SdkClientException.class);
            assertThat(server.requests()).hasSize(2);
        }
    }
}
