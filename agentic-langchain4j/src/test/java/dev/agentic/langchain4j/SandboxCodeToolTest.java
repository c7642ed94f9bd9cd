package dev.agentic.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import dev.agentic.testkit.openai.RecordedOpenAiRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SandboxCodeTool} and {@link SandboxCodeExecutionEngine} running real programs in the bubblewrap
 * {@link LocalSandbox}, called by LangChain4j's {@code AiServices} over the real OpenAI client and
 * {@link FakeOpenAiServer}.
 */
class SandboxCodeToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "tok-7f3c9a1e5b2d4086";

    interface Assistant {
        String answer(String question);
    }

    private static LocalSandbox sandbox;
    private static FakeOpenAiServer server;

    @BeforeAll
    static void start() {
        sandbox = LocalSandbox.builder().build();
        server = FakeOpenAiServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        sandbox.close();
    }

    private static SandboxCodeTool tool() {
        return SandboxCodeTool.builder()
                .sandbox(sandbox)
                .secret("REPORT_TOKEN", SecretRef.of("REPORT_TOKEN"))
                .secretProvider(SecretProvider.fromMap(Map.of("REPORT_TOKEN", SECRET)))
                .build();
    }

    private static OpenAiChatModel client(String model) {
        return OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-fake")
                .modelName(model)
                .maxRetries(0)
                .build();
    }

    private static JsonNode toolMessage(RecordedOpenAiRequest request) throws Exception {
        for (JsonNode m : request.messages()) {
            if (m.path("role").asText().equals("tool")) {
                return JSON.readTree(m.path("content").asText());
            }
        }
        throw new AssertionError("no tool message in " + request.messages());
    }

    private static String args(String code) throws Exception {
        return JSON.writeValueAsString(Map.of("code", code));
    }

    @Test
    void anAiServicesAssistantRunsTheProgramItWroteInTheLocalSandboxAndAnswersFromItsOutput() throws Exception {
        String program = "sales = [120, 80, 200]\nprint(sum(sales) / len(sales))\n";
        server.script(
                "gpt-tool-1",
                OpenAiReply.toolCall("call_1", SandboxCodeTool.NAME, args(program)),
                OpenAiReply.text("The average is 133.33."));
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(client("gpt-tool-1"))
                .tools(tool())
                .build();

        String answer = assistant.answer("What is the average of 120, 80 and 200?");

        assertThat(answer).isEqualTo("The average is 133.33.");
        JsonNode offered = server.requests("gpt-tool-1").get(0).tools().get(0).path("function");
        assertThat(offered.path("name").asText()).isEqualTo("execute_code");
        assertThat(offered.path("parameters").path("required").toString()).contains("code");
        JsonNode report = toolMessage(server.requests("gpt-tool-1").get(1));
        assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("exit_code").asInt()).isZero();
        assertThat(report.path("stdout").asText()).isEqualTo("133.33333333333334\n");
    }

    @Test
    void theToolSpecificationAndExecutorServeAiServicesLikeTheAnnotatedObject() throws Exception {
        SandboxCodeTool tool = tool();
        server.script(
                "gpt-tool-2",
                OpenAiReply.toolCall("call_2", SandboxCodeTool.NAME, args("print(6 * 7)")),
                OpenAiReply.text("42"));
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(client("gpt-tool-2"))
                .tools(Map.of(tool.specification(), (request, memoryId) -> tool.execute(request)))
                .build();

        assertThat(assistant.answer("six times seven?")).isEqualTo("42");
        JsonNode report = toolMessage(server.requests("gpt-tool-2").get(1));
        assertThat(report.path("stdout").asText()).isEqualTo("42\n");
    }

    @Test
    void aRejectedProgramComesBackAsFindingsWithLineAndColumnNotAsAnException() {
        CodeRunReport report = tool().run("import json\nimport subprocess\nsubprocess.run(['sh', '-c', 'id'])\n");

        assertThat(report.status()).isEqualTo(CodeRunReport.Status.REJECTED);
        assertThat(report.exitCode()).isEmpty();
        assertThat(report.findings())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.line()).isPositive());
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.column()).isPositive();
        });
        assertThat(report.toJson()).contains("\"status\":\"REJECTED\"", "\"line\":2", "\"column\":");
    }

    @Test
    void aFailedRunReportsItsExitCodeAndTheEndOfItsTraceback() {
        CodeRunReport report = tool().run("data = {'a': 1}\nprint('looking up')\nprint(data['missing'])\n");

        assertThat(report.status()).isEqualTo(CodeRunReport.Status.FAILED);
        assertThat(report.exitCode()).contains(1);
        assertThat(report.stdout()).isEqualTo("looking up\n");
        assertThat(report.stderrTail()).contains("KeyError: 'missing'");
    }

    @Test
    void secretValuesAreMaskedInEverythingTheToolReturns() throws Exception {
        String program = String.join(
                "\n",
                "import os, base64, sys",
                "token = os.environ['REPORT_TOKEN']",
                "print('token', token)",
                "print('b64', base64.b64encode(token.encode()).decode())",
                "sys.stderr.write('using ' + token + '\\n')",
                "raise SystemExit('failed with ' + token)",
                "");

        String json = tool().execute(ToolExecutionRequest.builder()
                .id("call_s")
                .name(SandboxCodeTool.NAME)
                .arguments(args(program))
                .build());

        JsonNode report = JSON.readTree(json);
        assertThat(report.path("status").asText()).isEqualTo("FAILED");
        assertThat(report.path("stdout").asText()).contains("token [REDACTED]", "b64 [REDACTED]");
        assertThat(report.path("stderr_tail").asText()).contains("using [REDACTED]", "failed with [REDACTED]");
        assertThat(json).doesNotContain(SECRET).doesNotContain("dG9rLTdmM2M5YTFlNWIyZDQwODY");
    }

    @Test
    void argumentsWithoutACodeStringAreAReportTellingTheModelTheShape() throws Exception {
        String json = tool().execute(ToolExecutionRequest.builder()
                .id("call_b")
                .name(SandboxCodeTool.NAME)
                .arguments("{\"program\": 1}")
                .build());

        JsonNode report = JSON.readTree(json);
        assertThat(report.path("status").asText()).isEqualTo("REJECTED");
        assertThat(report.path("findings").get(0).path("message").asText()).contains("{\"code\": \"...\"}");
    }

    @Test
    void theCodeExecutionEngineReturnsStdoutOnSuccessAndTheReportOtherwise() throws Exception {
        SandboxCodeExecutionEngine engine = SandboxCodeExecutionEngine.of(tool());

        assertThat(engine.execute("print(sum(range(10)))")).isEqualTo("45\n");
        JsonNode failed = JSON.readTree(engine.execute("import socket\nsocket.create_connection(('10.0.0.1', 80))\n"));
        assertThat(failed.path("status").asText()).isIn("REJECTED", "FAILED");
        JsonNode rejected = JSON.readTree(engine.execute("import subprocess\nsubprocess.run(['id'])\n"));
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("findings")).isNotEmpty();
    }
}
