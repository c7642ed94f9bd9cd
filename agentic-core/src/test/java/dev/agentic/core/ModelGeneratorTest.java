package dev.agentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelGeneratorTest {
    private static final String PROGRAM = "import os\nprint('hello')\n";
    private static final Code PREVIOUS = Code.python("import requests\nprint(requests.get('https://x').text)\n");

    private final RecordingModel model = new RecordingModel();

    @Test
    void happyPathMakesOneCallAndReturnsTheExtractedProgram() {
        model.answer = "Here it is:\n```python\n" + PROGRAM + "```";

        GenerationResult result = generator().generate(GenerationRequest.first(Task.of("Say hello")));

        assertThat(model.requests).hasSize(1);
        assertThat(result).isInstanceOfSatisfying(GenerationResult.Generated.class, g -> {
            assertThat(g.code()).isEqualTo(Code.python(PROGRAM));
            assertThat(g.truncated()).isFalse();
            assertThat(g.modelId()).isEqualTo("recording");
            assertThat(g.usage()).isEqualTo(new TokenUsage(10, 20));
            assertThat(g.modelText()).isEqualTo(model.answer);
        });
    }

    @Test
    void answerCutOffByTheTokenLimitIsMarkedTruncated() {
        model.answer = "```python\nimport os\nprint(os.get";
        model.stopReason = StopReason.MAX_TOKENS;

        GenerationResult result = generator().generate(GenerationRequest.first(Task.of("Say hello")));

        assertThat(result).isInstanceOfSatisfying(GenerationResult.Generated.class, g -> {
            assertThat(g.truncated()).isTrue();
            assertThat(g.code().source()).isEqualTo("import os\nprint(os.get\n");
        });
    }

    @Test
    void proseAnswerIsATypedNoCodeOutcomeNotAnException() {
        model.answer = "I cannot write that program because the task is unclear to me.";

        GenerationResult result = generator().generate(GenerationRequest.first(Task.of("Do something")));

        assertThat(result).isInstanceOfSatisfying(GenerationResult.NoCode.class, n -> {
            assertThat(n.reason()).contains("no fenced code block");
            assertThat(n.modelText()).isEqualTo(model.answer);
            assertThat(n.modelId()).isEqualTo("recording");
        });
    }

    @Test
    void modelFailureIsPropagatedAsModelException() {
        model.failure = new ModelException(ModelException.Kind.ACCESS_DENIED, "recording", "no access");

        assertThatThrownBy(() -> generator().generate(GenerationRequest.first(Task.of("x"))))
                .isSameAs(model.failure);
    }

    @Test
    void textStreamsToTheRequestsListener() {
        model.answer = "```python\n" + PROGRAM + "```";
        StringBuilder streamed = new StringBuilder();
        List<ChatResponse> completed = new ArrayList<>();
        StreamListener listener = new StreamListener() {
            @Override
            public void onText(String delta) {
                streamed.append(delta);
            }

            @Override
            public void onComplete(ChatResponse response) {
                completed.add(response);
            }
        };

        generator()
                .generate(GenerationRequest.builder()
                        .task(Task.of("Say hello"))
                        .listener(listener)
                        .build());

        assertThat(model.deltasSent).isGreaterThan(1);
        assertThat(streamed.toString()).isEqualTo(model.answer);
        assertThat(completed).hasSize(1);
    }

    @Test
    void systemPromptStatesTheRulesForPython() {
        String system = request(Task.of("x")).system();

        assertThat(system)
                .contains(
                        "Python 3",
                        "standard library",
                        "urllib.request",
                        "environment variables",
                        "standard output",
                        "non-zero",
                        "exactly one fenced code block",
                        "```python");
    }

    @Test
    void systemPromptWithoutAnEnvironmentDoesNotSteerToPackagesThatMayBeMissing() {
        assertThat(request(Task.of("Fetch a page")).system())
                .doesNotContain("`requests`")
                .contains("third-party packages may not be installed");
    }

    @Test
    void systemPromptNamesTheSandboxsInterpreterAndItsImportableModules() {
        SandboxEnvironment environment = SandboxEnvironment.builder()
                .runtime(Language.PYTHON, "Python 3.11.2")
                .packages(Language.PYTHON, List.of("yaml", "certifi"))
                .build();
        ModelGenerator generator = ModelGenerator.builder()
                .model(new RecordingModel())
                .environment(environment)
                .build();

        String system =
                generator.chatRequest(GenerationRequest.first(Task.of("x"))).system();

        assertThat(system).contains("Python 3.11.2", "certifi, yaml", "requests is not installed", "urllib.request");
    }

    @Test
    void systemPromptOfASandboxWithNoThirdPartyModulesSaysSo() {
        SandboxEnvironment bare = SandboxEnvironment.builder()
                .packages(Language.PYTHON, List.of())
                .build();
        ModelGenerator generator = ModelGenerator.builder()
                .model(new RecordingModel())
                .environment(Optional.of(bare))
                .build();

        assertThat(generator.chatRequest(GenerationRequest.first(Task.of("x"))).system())
                .contains("Only the standard library is installed", "requests fails");
    }

    @Test
    void systemPromptForJavaAsksForAMainClass() {
        Task task = Task.builder().description("x").language(Language.JAVA).build();

        assertThat(request(task).system()).contains("Java 17", "public class Main", "main(String[]", "```java");
    }

    @Test
    void systemPromptCanBeReplacedPerLanguageAndSettingsArePassed() {
        ModelGenerator generator = ModelGenerator.builder()
                .model(model)
                .maxTokens(1234)
                .temperature(0.2)
                .systemPrompt(Language.PYTHON, "Be terse.")
                .build();

        ChatRequest request = generator.chatRequest(GenerationRequest.first(Task.of("x")));

        assertThat(request.system()).isEqualTo("Be terse.");
        assertThat(request.maxTokens()).isEqualTo(1234);
        assertThat(request.temperature()).contains(0.2);
    }

    @Test
    void userPromptCarriesTaskHostsEnvironmentNamesAndFiles() {
        Task task = Task.builder()
                .description("Create a Stripe customer named Alice")
                .integration("stripe")
                .secret("STRIPE_API_KEY", SecretRef.of("agentic-api-developer/stripe/test-key", "api_key"))
                .allowHost("api.stripe.com")
                .allowHost("127.0.0.1:8080")
                .environment("STRIPE_MODE", "plain-value-not-for-the-prompt")
                .inputFile(new InputFile("data/customers.csv", "a,b".getBytes(StandardCharsets.UTF_8)))
                .build();

        String user = request(task).lastUserText();

        assertThat(user)
                .contains(
                        "Create a Stripe customer named Alice",
                        "Python 3",
                        "STRIPE_API_KEY",
                        "api.stripe.com",
                        "127.0.0.1:8080",
                        "STRIPE_MODE",
                        "data/customers.csv");
    }

    @Test
    void secretValuesAndReferencesNeverAppearInPromptsOnlyTheirNames() {
        Task task = Task.builder()
                .description("Charge the card")
                .integration("stripe")
                .secret("STRIPE_API_KEY", SecretRef.of("vault/stripe-live-key-7731", "api_key_field_9"))
                .environment("PLAIN", "sk_live_plain_value_4242")
                .allowHost("api.stripe.com")
                .build();
        Turn earlier = new Turn(task, Code.python("print(1)\n"), "1");
        Feedback feedback = new Feedback.RunFailed(
                PREVIOUS, new ExecutionResult.Failed(1, ExecutionOutput.of("", "KeyError: ***", Duration.ofMillis(5))));

        ChatRequest request = ModelGenerator.builder()
                .model(model)
                .build()
                .chatRequest(GenerationRequest.builder()
                        .task(task)
                        .history(List.of(earlier))
                        .feedback(feedback)
                        .attempt(2)
                        .build());
        String everything = request.system() + "\n" + request.lastUserText();

        assertThat(everything).contains("STRIPE_API_KEY", "PLAIN");
        assertThat(everything)
                .doesNotContain("vault/stripe-live-key-7731", "api_key_field_9", "sk_live_plain_value_4242");
    }

    @Test
    void repairAfterRejectionCarriesPreviousCodeAndEveryFinding() {
        Feedback feedback = new Feedback.Rejected(
                PREVIOUS,
                List.of(
                        Finding.error(RuleId.DENIED_IMPORT, "import of 'subprocess' is not allowed", 3, 1),
                        Finding.error(
                                RuleId.HOST_NOT_ALLOWED, "host evil.example.com is not in the allowlist", 7, 12)));

        String user = repairPrompt(feedback);

        assertThat(user)
                .contains(
                        PREVIOUS.source(),
                        "line 3:1 [denied-import] import of 'subprocess' is not allowed",
                        "line 7:12 [host-not-allowed] host evil.example.com is not in the allowlist");
    }

    @Test
    void repairAfterFailedRunCarriesExitCodeAndTheStderrTail() {
        String stderr = "EARLY-NOISE\n" + "x".repeat(5000) + "\nTraceback (most recent call last):\n"
                + "KeyError: 'STRIPE_API_KEY'\n";
        Feedback feedback = new Feedback.RunFailed(
                PREVIOUS,
                new ExecutionResult.Failed(
                        3, ExecutionOutput.of("partial stdout line\n", stderr, Duration.ofSeconds(1))));

        String user = repairPrompt(feedback);

        assertThat(user)
                .contains(
                        PREVIOUS.source(),
                        "FAILED",
                        "exit code 3",
                        "KeyError: 'STRIPE_API_KEY'",
                        "last 2000 characters",
                        "partial stdout line");
        assertThat(user).doesNotContain("EARLY-NOISE");
    }

    @Test
    void backticksInStderrCannotCloseTheQuotingFence() {
        Feedback feedback = new Feedback.RunFailed(
                PREVIOUS,
                new ExecutionResult.Failed(
                        1, ExecutionOutput.of("", "bad doc:\n```\nstill stderr\n", Duration.ofMillis(1))));

        String user = repairPrompt(feedback);

        assertThat(user).contains("````text\nbad doc:\n```\nstill stderr\n````\n");
    }

    @Test
    void repairAfterTimeoutOrKillNamesTheLimit() {
        ExecutionOutput out = ExecutionOutput.of("", "", Duration.ofSeconds(30));

        assertThat(repairPrompt(
                        new Feedback.RunFailed(PREVIOUS, new ExecutionResult.TimedOut(Duration.ofSeconds(30), out))))
                .contains("TIMED_OUT", "30000 ms");
        assertThat(repairPrompt(new Feedback.RunFailed(PREVIOUS, new ExecutionResult.Killed(9, Limit.MEMORY, out))))
                .contains("KILLED", "signal 9", "memory limit");
    }

    @Test
    void repairAfterNoCodeGivesTheReasonAndTheAnswerFormat() {
        String user = repairPrompt(new Feedback.NoCode("I can't", "the answer has no fenced code block"));

        assertThat(user).contains("the answer has no fenced code block", "exactly one fenced code block", "```python");
    }

    @Test
    void historyOfEarlierTurnsIsInThePromptWithTheirCode() {
        Turn earlier =
                new Turn(Task.of("Create customer Alice"), Code.python("print('created cus_1')\n"), "created cus_1");

        String user = ModelGenerator.builder()
                .model(model)
                .build()
                .chatRequest(GenerationRequest.builder()
                        .task(Task.of("Now also set her email"))
                        .history(List.of(earlier))
                        .build())
                .lastUserText();

        assertThat(user)
                .contains("Create customer Alice", "print('created cus_1')", "created cus_1", "Now also set her email");
        assertThat(user.indexOf("Create customer Alice")).isLessThan(user.indexOf("Now also set her email"));
    }

    @Test
    void builderWithoutModelSaysWhatToSet() {
        assertThatThrownBy(() -> ModelGenerator.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("model must be set");
    }

    private ModelGenerator generator() {
        return ModelGenerator.builder().model(model).build();
    }

    private ChatRequest request(Task task) {
        return generator().chatRequest(GenerationRequest.first(task));
    }

    private String repairPrompt(Feedback feedback) {
        return generator()
                .chatRequest(GenerationRequest.builder()
                        .task(Task.of("Fetch x"))
                        .feedback(feedback)
                        .attempt(2)
                        .build())
                .lastUserText();
    }

    /** Answers a fixed text in 5-character deltas and records what it was asked. */
    private static final class RecordingModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        String answer = "";
        StopReason stopReason = StopReason.END_TURN;
        ModelException failure;
        int deltasSent;

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            return chat(request, StreamListener.ignoring());
        }

        @Override
        public ChatResponse chat(ChatRequest request, StreamListener listener) {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            for (int i = 0; i < answer.length(); i += 5) {
                listener.onText(answer.substring(i, Math.min(answer.length(), i + 5)));
                deltasSent++;
            }
            ChatResponse response = new ChatResponse(
                    Message.assistant(answer.isEmpty() ? " " : answer),
                    stopReason,
                    new TokenUsage(10, 20),
                    "recording");
            listener.onComplete(response);
            return response;
        }
    }
}
