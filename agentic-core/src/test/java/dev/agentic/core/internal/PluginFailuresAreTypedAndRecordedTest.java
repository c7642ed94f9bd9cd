package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.AgenticException;
import dev.agentic.core.Code;
import dev.agentic.core.Executor;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.Generator;
import dev.agentic.core.Language;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.record.ExecutionRecord;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactPage;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.InMemoryArtifactStore;
import dev.agentic.core.store.ListRequest;
import dev.agentic.core.store.StorageException;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Whatever a plug-in throws or returns, the run ends with a typed exception naming it and an ERROR record. */
class PluginFailuresAreTypedAndRecordedTest {
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    private static ChatModel model(Function<ChatRequest, ChatResponse> answer) {
        return new ChatModel() {
            @Override
            public String id() {
                return "broken-model";
            }

            @Override
            public ChatResponse chat(ChatRequest request) {
                return answer.apply(request);
            }
        };
    }

    private Orchestrator.Builder orchestrator(Generator generator) {
        return Orchestrator.builder()
                .generator(generator)
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .secrets(SecretProvider.fromMap(Map.of()));
    }

    private ExecutionRecord onlyRecord() {
        List<String> keys = store.list("executions/");
        assertThat(keys).hasSize(1);
        return ExecutionRecord.read(store.get(keys.get(0)).orElseThrow());
    }

    @Test
    void aChatModelThrowingNullPointerExceptionBecomesAModelExceptionNamingItAndIsRecorded() {
        Orchestrator o = orchestrator(ModelGenerator.builder()
                        .model(model(r -> {
                            throw new NullPointerException("oops");
                        }))
                        .build())
                .build();

        assertThatThrownBy(() -> o.run(Task.of("x")))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNKNOWN))
                .hasMessageContaining("ChatModel[broken-model]")
                .hasMessageContaining("NullPointerException: oops");
        assertThat(onlyRecord().error()).get().extracting(WorkflowError::kind).isEqualTo(WorkflowError.Kind.MODEL);
    }

    @Test
    void aChatModelReturningNullBecomesAModelExceptionAndIsRecorded() {
        Orchestrator o = orchestrator(
                        ModelGenerator.builder().model(model(r -> null)).build())
                .build();

        assertThatThrownBy(() -> o.run(Task.of("x")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("ChatModel[broken-model]");
        assertThat(onlyRecord().status().name()).isEqualTo("ERROR");
    }

    @Test
    void aGeneratorReturningNullBecomesAModelExceptionNamingTheGenerator() {
        Generator nothing = new Generator() {
            @Override
            public GenerationResult generate(GenerationRequest request) {
                return null;
            }

            @Override
            public String toString() {
                return "NullGenerator[]";
            }
        };

        assertThatThrownBy(() -> orchestrator(nothing).build().run(Task.of("x")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("NullGenerator[] returned null");
        assertThat(onlyRecord().error()).get().extracting(WorkflowError::kind).isEqualTo(WorkflowError.Kind.MODEL);
    }

    @Test
    void aSandboxThrowingARuntimeExceptionBecomesASandboxExceptionAndIsRecorded() {
        Doubles.MarkerSandbox declares = new Doubles.MarkerSandbox();
        Sandbox broken = new Sandbox() {
            @Override
            public ExecutionResult execute(ExecutionRequest request) {
                throw new IllegalStateException("socket closed");
            }

            @Override
            public SandboxCapabilities capabilities() {
                return declares.capabilities();
            }

            @Override
            public void close() {}

            @Override
            public String toString() {
                return "BrokenSandbox";
            }
        };
        Orchestrator o = orchestrator(new Doubles.ListGenerator("print(1)"))
                .executor(Executor.builder()
                        .sandbox(broken)
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .build();

        assertThatThrownBy(() -> o.run(Task.of("x")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("Sandbox[BrokenSandbox]")
                .hasMessageContaining("IllegalStateException: socket closed");
        assertThat(onlyRecord().error()).get().extracting(WorkflowError::kind).isEqualTo(WorkflowError.Kind.SANDBOX);
    }

    @Test
    void aValidatorThrowingIsAnAgenticExceptionNamingItAndIsRecorded() {
        CodeValidator broken = new CodeValidator() {
            @Override
            public Language language() {
                return Language.PYTHON;
            }

            @Override
            public ValidationResult validate(Code code, NetworkPolicy network) {
                throw new ArrayIndexOutOfBoundsException(7);
            }

            @Override
            public String toString() {
                return "BrokenValidator";
            }
        };
        Orchestrator o = orchestrator(new Doubles.ListGenerator("print(1)"))
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(broken)
                        .build())
                .build();

        assertThatThrownBy(() -> o.run(Task.of("x")))
                .isExactlyInstanceOf(AgenticException.class)
                .hasMessageContaining("CodeValidator[BrokenValidator]");
        assertThat(onlyRecord().error()).get().extracting(WorkflowError::kind).isEqualTo(WorkflowError.Kind.OTHER);
    }

    @Test
    void aSecretProviderThrowingOrReturningNullBecomesASecretException() {
        for (SecretProvider broken : List.<SecretProvider>of(
                ref -> {
                    throw new NullPointerException();
                },
                ref -> null)) {
            Orchestrator o = orchestrator(new Doubles.ListGenerator("print(1)"))
                    .secrets(broken)
                    .build();
            assertThatThrownBy(() -> o.run(Task.builder()
                            .description("x")
                            .secret("KEY", SecretRef.of("vault/key"))
                            .build()))
                    .isInstanceOf(SecretException.class)
                    .hasMessageContaining("SecretProvider[");
        }
        assertThat(store.list("executions/")).hasSize(2);
    }

    @Test
    void aSecretProviderFailureThatQuotesTheValueLeaksItNeitherInTheExceptionNorTheRecord() {
        String value = "sk_live_quoted_by_a_parser_1234";
        Orchestrator o = orchestrator(new Doubles.ListGenerator("print(1)"))
                .secrets(ref -> {
                    throw new IllegalArgumentException("Unexpected character in '" + value + "'");
                })
                .build();

        Throwable thrown = catchThrowable(() -> o.run(Task.builder()
                .description("x")
                .secret("KEY", SecretRef.of("vault/key"))
                .build()));

        assertThat(thrown).isInstanceOf(SecretException.class).hasMessageContaining("IllegalArgumentException");
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(value);
        }
        for (Throwable t : thrown.getSuppressed()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(value);
        }
        for (String key : store.list("")) {
            assertThat(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8))
                    .doesNotContain(value);
        }
    }

    @Test
    void aStoreThrowingBecomesAStorageExceptionNamingIt() {
        ArtifactStore broken = new ArtifactStore() {
            @Override
            public void put(String key, byte[] content, ArtifactMetadata metadata) {
                throw new UnsupportedOperationException("read-only");
            }

            @Override
            public boolean putIfAbsent(String key, byte[] content, ArtifactMetadata metadata) {
                throw new UnsupportedOperationException("read-only");
            }

            @Override
            public Optional<Artifact> read(String key) {
                return Optional.empty();
            }

            @Override
            public ArtifactPage list(ListRequest request) {
                return store.list(request);
            }

            @Override
            public boolean delete(String key) {
                return false;
            }

            @Override
            public String toString() {
                return "ReadOnlyStore";
            }
        };
        Orchestrator o = orchestrator(new Doubles.ListGenerator("print(1)"))
                .store(broken)
                .build();

        assertThatThrownBy(() -> o.run(Task.of("x")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("ArtifactStore[ReadOnlyStore]")
                .hasMessageContaining("read-only");
    }

    @Test
    void aLeadingModelReturningNullEndsTheAgentRunWithAModelExceptionAndARecord() {
        AgentOrchestrator o = AgentOrchestrator.builder()
                .model(model(r -> null))
                .generator(new Doubles.ListGenerator("print(1)"))
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .build();

        assertThatThrownBy(() -> o.run(Task.of("x")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("ChatModel[broken-model]");
        assertThat(onlyRecord().status().name()).isEqualTo("ERROR");
    }
}
