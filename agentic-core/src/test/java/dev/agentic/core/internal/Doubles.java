package dev.agentic.core.internal;

import dev.agentic.core.Code;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Generator;
import dev.agentic.core.Language;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Test doubles for orchestration logic only: a generator answering from a list, a validator flagging a
 * marker word, and a sandbox that "runs" a program by interpreting two marker words. The real validators
 * and sandbox have their own tests.
 */
final class Doubles {
    private Doubles() {}

    /** Answers each generate() call with the next program text; "NO CODE" answers with no code. */
    static final class ListGenerator implements Generator {
        final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
        private final List<String> answers;

        ListGenerator(String... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public GenerationResult generate(GenerationRequest request) {
            requests.add(request);
            String answer = answers.get(requests.size() - 1);
            request.listener().onText(answer);
            TokenUsage usage = new TokenUsage(100, 20);
            if (answer.equals("NO CODE")) {
                return new GenerationResult.NoCode("no fenced block", "I cannot help", usage, "scripted-test");
            }
            return new GenerationResult.Generated(
                    new Code(request.task().language(), answer), answer, usage, "scripted-test", false);
        }
    }

    /** A chat model answering call N with the N-th text; records every request. */
    static final class ListModel implements ChatModel {
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        private final List<String> answers;

        ListModel(String... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public String id() {
            return "list-model";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            requests.add(request);
            return ChatResponse.ofText(answers.get(requests.size() - 1), new TokenUsage(200, 40), id());
        }

        /** Everything the model was sent in call {@code n} (0-based): system prompt and messages. */
        String prompt(int n) {
            ChatRequest r = requests.get(n);
            StringBuilder sb = new StringBuilder(r.system());
            r.messages().forEach(m -> sb.append('\n').append(m.text()));
            return sb.toString();
        }
    }

    /** Flags every line containing FORBIDDEN with rule "denied-call". */
    static final class MarkerValidator implements CodeValidator {
        @Override
        public Language language() {
            return Language.PYTHON;
        }

        @Override
        public ValidationResult validate(Code code, NetworkPolicy network) {
            List<Finding> findings = new ArrayList<>();
            String[] lines = code.source().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                int col = lines[i].indexOf("FORBIDDEN");
                if (col >= 0) {
                    findings.add(Finding.error(
                            RuleId.DENIED_CALL, "FORBIDDEN() is not allowed; use allowed()", i + 1, col + 1));
                }
            }
            return new ValidationResult(Language.PYTHON, findings, Duration.ZERO);
        }
    }

    /**
     * Interprets a program: "FAIL" fails with a traceback on stderr; "WRITE_FILES" leaves out.csv and
     * reports/May summary.txt; "PRINT_SECRET" prints the value of the
     * API_KEY secret; anything else succeeds and echoes the source.
     */
    static final class MarkerSandbox implements Sandbox {
        final List<ExecutionRequest> requests = new CopyOnWriteArrayList<>();
        private final Function<ExecutionRequest, ExecutionResult> behaviour;

        MarkerSandbox() {
            this.behaviour = MarkerSandbox::interpret;
        }

        private static ExecutionResult interpret(ExecutionRequest r) {
            String src = r.code().source();
            Duration d = Duration.ofMillis(5);
            if (src.contains("FAIL")) {
                return new ExecutionResult.Failed(
                        1,
                        ExecutionOutput.of(
                                "partial\n", "Traceback (most recent call last):\nKeyError: 'customer_id'\n", d));
            }
            if (src.contains("SMUGGLE_SECRET")) {
                String v = r.secrets().get("API_KEY");
                return new ExecutionResult.Succeeded(ExecutionOutput.builder()
                        .duration(d)
                        .file(new OutputFile(v + ".txt", new byte[0]))
                        .networkDecision(new NetworkDecision(
                                Instant.EPOCH, v + ".evil.example", 443, false, "host not in allowlist"))
                        .build());
            }
            if (src.contains("WRITE_FILES")) {
                return new ExecutionResult.Succeeded(ExecutionOutput.builder()
                        .duration(d)
                        .file(new OutputFile("out.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                        .file(new OutputFile("reports/May summary.txt", "fine".getBytes(StandardCharsets.UTF_8)))
                        .build());
            }
            if (src.contains("PRINT_SECRET")) {
                String v = r.secrets().get("API_KEY");
                return new ExecutionResult.Succeeded(ExecutionOutput.of("key=" + v + "\n", "debug " + v + "\n", d));
            }
            return new ExecutionResult.Succeeded(ExecutionOutput.of("ran: " + src + "\n", "", d));
        }

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            requests.add(request);
            return behaviour.apply(request);
        }

        /** Declares everything, so the executor hands every request to the interpreter above. */
        @Override
        public SandboxCapabilities capabilities() {
            return SandboxCapabilities.builder()
                    .allCapabilities()
                    .languages(List.of(Language.values()))
                    .build();
        }

        @Override
        public void close() {}
    }
}
