package dev.agentic.bedrock.agentcore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.InMemoryArtifactStore;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.testkit.aws.RecordedAgentCoreRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Secrets reach programs in the service without ever being in code text, records, results or logs. */
class AgentCoreSecretTest {
    static final AgentCoreFixture FIXTURE = new AgentCoreFixture();
    static final AgentCoreSandbox SANDBOX = FIXTURE.sandbox().build();

    @AfterAll
    static void close() {
        SANDBOX.close();
        FIXTURE.close();
    }

    @Test
    void theEnvironmentFileIsGoneBeforeTheProgramStartsAndLinesAreTheProgramsOwn() {
        ExecutionResult r = SANDBOX.execute(ExecutionRequest.builder()
                .code(Code.python("from __future__ import annotations\nimport glob, os\n"
                        + "print(glob.glob('.agentic-env-*'), os.environ['REGION'])\nraise ValueError('line 4')"))
                .environment("REGION", "eu-west-1")
                .secret("TOKEN", "tok-" + System.nanoTime())
                .build());

        assertThat(r.stdout()).isEqualTo("[] eu-west-1\n");
        assertThat(r.stderr()).contains("line 4, in <module>").contains("ValueError: line 4");
    }

    @Test
    void aSecretReachesTheProgramAndNeverTheCodeTextRecordsResultsOrLogs() {
        String secret = "sk-live-" + Long.toHexString(System.nanoTime()) + "-agentcore";
        String program = "import os\nkey = os.environ['STRIPE_API_KEY']\n"
                + "print('length', len(key), 'prefix', key[:8])\nprint('key', key)";
        ScriptedChatModel model = ScriptedChatModel.of("```python\n" + program + "\n```");
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        Orchestrator orchestrator = Orchestrator.builder()
                .generator(ModelGenerator.builder().model(model).build())
                .executor(Executor.builder().sandbox(SANDBOX).build())
                .store(store)
                .secrets(SecretProvider.fromMap(Map.of("stripe/key", secret)))
                .maxAttempts(1)
                .build();
        int firstRequest = FIXTURE.server.requests().size();

        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        WorkflowResult result;
        try (PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            result = orchestrator.run(Task.builder()
                    .description("Print the Stripe key's length")
                    .integration("stripe")
                    .secret("STRIPE_API_KEY", SecretRef.of("stripe/key"))
                    .build());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        ExecutionResult run = result.finalResult().orElseThrow();
        assertThat(run.stdout())
                .contains("length " + secret.length() + " prefix sk-live-")
                .contains("key " + Redactor.MASK)
                .doesNotContain(secret);
        assertThat(result.toString()).doesNotContain(secret);
        for (RecordedAgentCoreRequest q : FIXTURE.server
                .requests()
                .subList(firstRequest, FIXTURE.server.requests().size())) {
            assertThat(q.codeText()).as("code text sent to the service").doesNotContain(secret);
        }
        assertThat(FIXTURE.server.requests("writeFiles").stream().skip(0))
                .as("the secret travels only as a file's content")
                .anyMatch(q -> q.arguments().path("content").toString().contains("agentic-env-"));
        for (String key : store.list("")) {
            String text = new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
            assertThat(text).as("stored " + key).doesNotContain(secret);
        }
        assertThat(store.list("")).isNotEmpty();
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
    }
}
