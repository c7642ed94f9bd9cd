package dev.agentic.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Attempt;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.ValidationResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every scenario of the examples module for real (validator, bubblewrap sandbox, stores). */
class ScenariosTest {
    @TempDir
    Path dir;

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @Test
    void quickstartRepairsTheMissingKeyCreatesAliceAndNeverStoresTheKey() throws Exception {
        List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
        Quickstart.Outcome outcome = Quickstart.run(dir, events::add);

        WorkflowResult result = outcome.result();
        assertThat(result.succeeded()).isTrue();
        assertThat(result.modelCalls()).isEqualTo(2);
        assertThat(result.attempts())
                .extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        ExecutionResult first = result.attempts().get(0).execution().orElseThrow();
        assertThat(first.stderr()).contains("401");
        assertThat(outcome.customerId()).matches("cus_[A-Za-z0-9]{14}");
        assertThat(outcome.customerName()).isEqualTo("Alice");
        assertThat(result.finalResult().orElseThrow().output().network())
                .anySatisfy(d -> assertThat(d.allowed()).isTrue());
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> stored = files.filter(Files::isRegularFile).toList();
            assertThat(stored)
                    .filteredOn(p -> !p.getFileName().toString().startsWith("."))
                    .hasSize(2);
            for (Path p : stored) {
                assertThat(Files.readString(p)).doesNotContain(outcome.apiKey());
            }
        }
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(outcome.apiKey()));
    }

    @Test
    void validateOnlyAcceptsTheApiCallAndRejectsTheEscapeAndTheExfiltration() {
        Map<String, ValidationResult> results = ValidateOnly.run(out);

        assertThat(results.get("ordinary API call").valid()).isTrue();
        assertThat(results.get("shell escape").errors())
                .extracting(Finding::rule)
                .contains(RuleId.DENIED_IMPORT);
        assertThat(results.get("exfiltration").errors())
                .extracting(Finding::rule)
                .contains(RuleId.HOST_NOT_ALLOWED);
        assertThat(results.get("ordinary API call, strict policy").valid()).isFalse();
        assertThat(results.get("ordinary API call, strict policy with requests").valid())
                .isTrue();
        assertThat(text.toString()).contains("shell escape: REJECTED");
    }

    @Test
    void followUpTaskExtendsTheFirstProgramAndSeesItsCode() {
        List<WorkflowResult> results = FollowUpTasks.run(out);

        assertThat(results.get(0).finalResult().orElseThrow().stdout()).isEqualTo("total: 510.75\n");
        assertThat(results.get(1).finalResult().orElseThrow().stdout())
                .isEqualTo("total: 510.75\nlargest: inv_3 (Carol) 310.25\n");
        assertThat(text.toString()).contains("The follow-up prompt carried the first program: true");
    }

    @Test
    void customModelBehindAFallbackChainAnswersAfterThePrimaryIsThrottled() {
        WorkflowResult result = CustomModelProvider.run(out);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts().get(0).generation().modelId()).isEqualTo("in-house-small");
        assertThat(result.finalResult().orElseThrow().stdout()).isEqualTo("[2, 3, 5, 7, 11, 13, 17, 19, 23, 29]\n");
    }
}
