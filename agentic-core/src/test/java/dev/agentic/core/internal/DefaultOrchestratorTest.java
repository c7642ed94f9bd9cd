package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Attempt;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Executor;
import dev.agentic.core.Feedback;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultOrchestratorTest {
    private static final String SECRET = "sk_test_51HxYzSecretValue";

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final Doubles.MarkerSandbox sandbox = new Doubles.MarkerSandbox();
    private final List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

    private Orchestrator orchestrator(Doubles.ListGenerator generator, int maxAttempts) {
        return Orchestrator.builder()
                .generator(generator)
                .executor(Executor.builder()
                        .sandbox(sandbox)
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .secrets(SecretProvider.fromMap(Map.of("stripe-key", SECRET)))
                .maxAttempts(maxAttempts)
                .listener(events::add)
                .clock(clock)
                .build();
    }

    private static Task task() {
        return Task.builder()
                .description("Create a customer named Alice")
                .integration("stripe")
                .secret("API_KEY", SecretRef.of("stripe-key"))
                .allowHost("api.stripe.com")
                .build();
    }

    @Test
    void happyPathGeneratesOnceRunsOnceAndStoresCodeAndRecord() {
        Doubles.ListGenerator generator = new Doubles.ListGenerator("print('hi')");
        WorkflowResult result = orchestrator(generator, 3).run(task());

        assertThat(result.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(result.modelCalls()).isEqualTo(1);
        assertThat(generator.requests).hasSize(1);
        assertThat(sandbox.requests).hasSize(1);
        assertThat(result.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.SUCCEEDED);
        assertThat(result.finalResult().orElseThrow().stdout()).isEqualTo("ran: print('hi')\n");
        assertThat(result.records())
                .containsExactly(
                        "generated/stripe/Create_a_customer_named_Alice_20261123_101530.py",
                        "executions/stripe/success_20261123_101530.json");
        assertThat(new String(store.get(result.records().get(0)).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("print('hi')");
    }

    @Test
    void sandboxReceivesTheTaskNetworkPolicyAndResolvedSecret() {
        orchestrator(new Doubles.ListGenerator("x = 1"), 1).run(task());

        assertThat(sandbox.requests.get(0).network().allows("api.stripe.com", 443))
                .isTrue();
        assertThat(sandbox.requests.get(0).secrets()).containsEntry("API_KEY", SECRET);
    }

    @Test
    void validationFindingTriggersRepairCarryingTheFindingAndTheRejectedCodeNeverRuns() {
        Doubles.ListGenerator generator = new Doubles.ListGenerator("FORBIDDEN()", "allowed()");
        WorkflowResult result = orchestrator(generator, 3).run(task());

        assertThat(result.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(sandbox.requests).extracting(r -> r.code().source()).containsExactly("allowed()");
        Feedback feedback = generator.requests.get(1).feedback().orElseThrow();
        assertThat(feedback).isInstanceOf(Feedback.Rejected.class);
        Feedback.Rejected rejected = (Feedback.Rejected) feedback;
        assertThat(rejected.previous().source()).isEqualTo("FORBIDDEN()");
        assertThat(rejected.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.toString()).contains("line 1:1", "denied-call", "use allowed()"));
        assertThat(result.attempts())
                .extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.REJECTED, Attempt.Outcome.SUCCEEDED);
    }

    @Test
    void failedRunTriggersRepairCarryingTheStderr() {
        Doubles.ListGenerator generator = new Doubles.ListGenerator("FAIL", "fixed");
        WorkflowResult result = orchestrator(generator, 3).run(task());

        assertThat(result.succeeded()).isTrue();
        Feedback.RunFailed failed =
                (Feedback.RunFailed) generator.requests.get(1).feedback().orElseThrow();
        assertThat(failed.previous().source()).isEqualTo("FAIL");
        assertThat(failed.result().output().stderrTail(2000)).contains("KeyError: 'customer_id'");
        assertThat(generator.requests.get(1).attempt()).isEqualTo(2);
        assertThat(events)
                .filteredOn(WorkflowEvent.Repairing.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((WorkflowEvent.Repairing) e).reason())
                        .isEqualTo("the run ended FAILED (exit 1): KeyError: 'customer_id'"));
    }

    @Test
    void attemptsStopAtMaxAttemptsWithStatusFailedAndEveryAttemptRecorded() {
        Doubles.ListGenerator generator = new Doubles.ListGenerator("FORBIDDEN()", "NO CODE", "FAIL", "never asked");
        WorkflowResult result = orchestrator(generator, 3).run(task());

        assertThat(result.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(generator.requests).hasSize(3);
        assertThat(result.attempts())
                .extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.REJECTED, Attempt.Outcome.NO_CODE, Attempt.Outcome.FAILED);
        assertThat(generator.requests.get(2).feedback()).get().isInstanceOf(Feedback.NoCode.class);
        assertThat(result.records()).last().asString().startsWith("executions/stripe/failure_");
        String record = new String(store.get(result.records().get(1)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(record)
                .contains(
                        "\"outcome\" : \"REJECTED\"",
                        "\"outcome\" : \"NO_CODE\"",
                        "\"outcome\" : \"FAILED\"",
                        "\"status\" : \"FAILED\"",
                        "KeyError");
    }

    @Test
    void eventsArriveInWorkflowOrder() {
        WorkflowResult result = orchestrator(new Doubles.ListGenerator("FORBIDDEN()", "FAIL", "ok"), 3)
                .run(task());

        assertThat(events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toList()))
                .containsExactly(
                        "Started",
                        "GenerationStarted",
                        "CodeDelta",
                        "ModelCalled",
                        "CodeGenerated",
                        "Validated",
                        "Repairing",
                        "GenerationStarted",
                        "CodeDelta",
                        "ModelCalled",
                        "CodeGenerated",
                        "Validated",
                        "ExecutionStarted",
                        "Executed",
                        "Repairing",
                        "GenerationStarted",
                        "CodeDelta",
                        "ModelCalled",
                        "CodeGenerated",
                        "Validated",
                        "ExecutionStarted",
                        "Executed",
                        "Completed");
        assertThat(events)
                .extracting(WorkflowEvent::attempt)
                .containsExactly(0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
        assertThat(events).extracting(WorkflowEvent::runId).containsOnly(result.runId());
    }

    @Test
    void secretValuePrintedByTheProgramNeverReachesRecordsEventsOrResult() {
        WorkflowResult result =
                orchestrator(new Doubles.ListGenerator("PRINT_SECRET"), 1).run(task());

        assertThat(result.finalResult().orElseThrow().stdout()).isEqualTo("key=[REDACTED]\n");
        assertThat(result.finalResult().orElseThrow().stderr()).doesNotContain(SECRET);
        for (String key : store.list("")) {
            assertThat(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8))
                    .doesNotContain(SECRET);
        }
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
        assertThat(events.toString()).contains("[REDACTED]");
    }

    @Test
    void secretSmuggledAsAHostNameOrFileNameIsMaskedInResultRecordsAndEvents() {
        WorkflowResult result =
                orchestrator(new Doubles.ListGenerator("SMUGGLE_SECRET"), 1).run(task());

        var output = result.finalResult().orElseThrow().output();
        assertThat(output.network().get(0).host()).isEqualTo("[REDACTED].evil.example");
        assertThat(output.files().get(0).path()).isEqualTo("[REDACTED].txt");
        for (String key : store.list("")) {
            assertThat(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8))
                    .doesNotContain(SECRET);
        }
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
    }

    @Test
    void twoRunsInTheSameSecondNeverOverwriteEachOthersRecords() {
        Orchestrator o = orchestrator(new Doubles.ListGenerator("a", "b"), 1);
        WorkflowResult first = o.run(task());
        WorkflowResult second = o.run(task());

        assertThat(second.records()).doesNotContainAnyElementsOf(first.records());
        assertThat(second.records())
                .containsExactly(
                        "generated/stripe/Create_a_customer_named_Alice_20261123_101530_2.py",
                        "executions/stripe/success_20261123_101530_2.json");
        assertThat(store.list("")).hasSize(4);
    }

    @Test
    void modelFailureIsRethrownAfterTheRecordIsStored() {
        Orchestrator o = Orchestrator.builder()
                .generator(r -> {
                    throw new ModelException(ModelException.Kind.ACCESS_DENIED, "m1", "no access to model m1");
                })
                .executor(Executor.builder()
                        .sandbox(sandbox)
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .clock(clock)
                .listener(events::add)
                .build();

        assertThatThrownBy(() -> o.run(Task.of("anything")))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(e.getSuppressed()[0].getMessage()).contains("executions/default/failure_"));
        String record = new String(store.get(store.list("executions/").get(0)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(record).contains("\"status\" : \"ERROR\"", "no access to model m1");
        assertThat(events).last().isInstanceOf(WorkflowEvent.Failed.class);
    }

    @Test
    void missingSecretFailsWithTheSecretNameAndStoresTheRecord() {
        Orchestrator o = Orchestrator.builder()
                .generator(new Doubles.ListGenerator("x"))
                .executor(Executor.builder()
                        .sandbox(sandbox)
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .secrets(SecretProvider.fromMap(Map.of()))
                .build();

        assertThatThrownBy(() -> o.run(task()))
                .hasMessageContaining("stripe-key")
                .hasMessageContaining("not set");
        assertThat(store.list("executions/stripe/")).hasSize(1);
        assertThat(sandbox.requests).isEmpty();
    }

    @Test
    void conversationFollowUpSeesEarlierTurnWithItsCode() {
        Doubles.ListGenerator generator = new Doubles.ListGenerator("create()", "update()");
        var conversation = orchestrator(generator, 1).conversation();
        conversation.run(task());
        WorkflowResult second = conversation.followUp("Now also set her email");

        assertThat(second.succeeded()).isTrue();
        assertThat(generator.requests.get(1).task().description()).isEqualTo("Now also set her email");
        assertThat(generator.requests.get(1).task().integration()).isEqualTo("stripe");
        assertThat(generator.requests.get(1).history())
                .singleElement()
                .satisfies(t -> assertThat(t.code().source()).isEqualTo("create()"));
        assertThat(conversation.turns()).hasSize(2);
    }

    @Test
    void runAsyncCompletesWithTheSameResult() throws Exception {
        WorkflowResult result = orchestrator(new Doubles.ListGenerator("ok"), 1)
                .runAsync(task())
                .result()
                .get();

        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void builderWithoutGeneratorSaysWhatToConfigure() {
        assertThatThrownBy(() -> Orchestrator.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("generator");
        assertThatThrownBy(() -> Executor.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox");
    }
}
