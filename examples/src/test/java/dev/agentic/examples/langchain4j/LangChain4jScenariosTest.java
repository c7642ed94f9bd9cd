package dev.agentic.examples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.WorkflowResult;
import dev.agentic.examples.scenarios.LangChain4jDataAssistant;
import dev.agentic.examples.scenarios.OpenAiCompatibleModels;
import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import dev.agentic.testkit.openai.RecordedOpenAiRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The LangChain4j scenarios, run for real (LangChain4j's OpenAI client over HTTP, the validator, the bubblewrap
 * sandbox) against {@link FakeOpenAiServer} standing in for the model; and the README shows their code exactly.
 */
class LangChain4jScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRAM = String.join(
            "\n",
            "import csv",
            "revenue = {}",
            "with open('sales.csv') as f:",
            "    for row in csv.DictReader(f):",
            "        revenue[row['region']] = revenue.get(row['region'], 0) + int(row['units']) * float(row['unit_price'])",
            "best = max(revenue, key=revenue.get)",
            "print(best, f'{revenue[best]:.2f}')",
            "");

    @Test
    void theAssistantAnswersTheDataQuestionFromTheOutputOfThePythonItRanInTheSandbox() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.otherwise(request -> toolOutput(request) == null
                    ? OpenAiReply.toolCall("call_1", "execute_code", json(Map.of("code", PROGRAM)))
                    : OpenAiReply.text("Highest revenue: " + toolOutput(request).strip()));
            OpenAiChatModel model = OpenAiChatModel.builder()
                    .baseUrl(server.baseUrl())
                    .apiKey("sk-test-fake")
                    .modelName("gpt-4o-mini")
                    .maxRetries(0)
                    .build();

            String answer = LangChain4jDataAssistant.answer(model, "Which region had the highest revenue?");

            assertThat(answer).isEqualTo("Highest revenue: east 800.00");
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests()
                            .get(0)
                            .messages()
                            .get(0)
                            .path("content")
                            .asText())
                    .contains("sales.csv");
        }
    }

    @Test
    void theWorkflowFallsBackFromAThrottledOpenAiToTheLocalServerAndRunsItsProgram() {
        try (FakeOpenAiServer openAi = FakeOpenAiServer.start();
                FakeOpenAiServer local = FakeOpenAiServer.start()) {
            openAi.script("gpt-4o-mini", OpenAiReply.error(429, "rate_limit_exceeded", "Rate limit reached"));
            local.script("llama3.2", OpenAiReply.text("```python\nprint([n * n for n in range(1, 11)])\n```"));

            WorkflowResult result = OpenAiCompatibleModels.run(openAi.baseUrl(), "sk-test-fake", local.baseUrl());

            assertThat(result.succeeded()).isTrue();
            assertThat(result.finalResult().orElseThrow().stdout())
                    .isEqualTo("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]\n");
            assertThat(openAi.requests()).isNotEmpty();
            assertThat(local.requests("llama3.2")).hasSize(1);
        }
    }

    @Test
    void theReadmeShowsExactlyTheCompiledLangChain4jCode() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        for (String[] snippet : List.of(
                new String[] {"LangChain4jDataAssistant.java", "langchain4j-tool"},
                new String[] {"OpenAiCompatibleModels.java", "langchain4j-model"})) {
            List<String> lines =
                    snippet(Path.of("src/main/java/dev/agentic/examples/scenarios", snippet[0]), snippet[1]);

            assertThat(lines).as(snippet[1]).hasSizeGreaterThan(5);
            assertThat(readme).as(snippet[1]).contains(String.join("\n", lines));
        }
    }

    /** The lines between {@code tag::NAME[]} and {@code end::NAME[]}, without their common indentation. */
    private static List<String> snippet(Path source, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (line.contains("end::" + name + "[]")) {
                break;
            }
            if (inside) {
                lines.add(line);
            }
            if (line.contains("tag::" + name + "[]")) {
                inside = true;
            }
        }
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    /** The stdout of the tool result in {@code request}, or null when it has none. */
    private static String toolOutput(RecordedOpenAiRequest request) {
        for (JsonNode message : request.messages()) {
            if (message.path("role").asText().equals("tool")) {
                try {
                    return JSON.readTree(message.path("content").asText())
                            .path("stdout")
                            .asText();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
