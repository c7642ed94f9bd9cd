package dev.agentic.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.FileSystemArtifactStore;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's code example, compiled and run. The test also checks that the README shows exactly the
 * lines between the {@code tag::readme} markers, so the two cannot drift apart.
 */
class ReadmeExampleTest {

    private static WorkflowResult example(ChatModel model) {
        // spotless:off
        // tag::readme[]
        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder()
                            .model(model)                                      // any ChatModel
                            .environment(sandbox.environment())                // what the sandbox has
                            .build())
                    .executor(Executor.builder().sandbox(sandbox).build())     // validate, then run
                    .store(FileSystemArtifactStore.at(Path.of("agentic-runs")))
                    .secrets(SecretProvider.environment())
                    .maxAttempts(3)
                    .listener(event -> System.err.println(event))
                    .build();

            WorkflowResult result = orchestrator.run(Task.builder()
                    .description("Print the first ten prime numbers")
                    .integration("math")
                    .build());

            System.out.println(result.status() + ": " + result.finalResult().map(r -> r.stdout()).orElse(""));
            return result;
        }
        // end::readme[]
        // spotless:on
    }

    @Test
    void readmeExampleRunsTheWorkflow() {
        ChatModel model = ScriptedChatModel.of("```python\nprint([2, 3, 5, 7, 11, 13, 17, 19, 23, 29])\n```");

        WorkflowResult result = example(model);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.finalResult().orElseThrow().stdout()).isEqualTo("[2, 3, 5, 7, 11, 13, 17, 19, 23, 29]\n");
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws Exception {
        Path source = Path.of("src/test/java/dev/agentic/examples/readme/ReadmeExampleTest.java");
        List<String> snippet = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (line.contains("end::readme[]")) {
                break;
            }
            if (inside) {
                snippet.add(line.length() >= 8 ? line.substring(8) : line.strip());
            }
            if (line.contains("tag::readme[]")) {
                inside = true;
            }
        }
        snippet.removeIf(l -> l.strip().startsWith("return result;"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);

        assertThat(snippet).hasSizeGreaterThan(10);
        assertThat(readme).contains(String.join("\n", snippet));
    }
}
