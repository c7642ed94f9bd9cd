package dev.agentic.core;

import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.internal.AgentRun;
import dev.agentic.core.internal.DefaultOrchestrator;
import dev.agentic.core.internal.HistoryConversation;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.FileSystemArtifactStore;
import dev.agentic.core.store.KeyLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Orchestrator} led by a tool-using model: the model gets two tools, {@code generate_code} and
 * {@code execute_code} (which validates first), and decides when to call them; the workflow ends when the
 * model answers without a tool call, or after {@link Builder#maxToolRounds} rounds.
 *
 * <p>Costs more model calls than the default pipeline (one per round, plus the generator's); choose it when
 * the host wants the model in charge. Everything is recorded like the pipeline: attempts (one per
 * {@code execute_code}), tokens of every call, code and record in the store. The status is
 * {@link WorkflowStatus#SUCCEEDED} when the last program run succeeded.
 *
 * <p>Thread-safe; holds no resources (the caller closes the model, sandbox and store it passed in).
 */
public final class AgentOrchestrator implements Orchestrator {
    private final Settings settings;

    private AgentOrchestrator(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public WorkflowResult run(Task task) {
        Objects.requireNonNull(task, "task");
        return new AgentRun(settings, task, List.of()).run();
    }

    @Override
    public Conversation conversation() {
        return new HistoryConversation((task, history) -> new AgentRun(settings, task, history).run());
    }

    /** What a run needs; immutable. Not API beyond its accessors. */
    public record Settings(ChatModel model, Generator generator, Executor executor, ArtifactStore store,
                           KeyLayout layout, SecretProvider secrets, int maxToolRounds, List<WorkflowListener> listeners,
                           PriceTable prices, Clock clock) {
    }

    /** Builder for {@link AgentOrchestrator}; not thread-safe. */
    public static final class Builder {
        private ChatModel model;
        private Generator generator;
        private Executor executor;
        private ArtifactStore store;
        private KeyLayout layout = KeyLayout.standard();
        private SecretProvider secrets = SecretProvider.environment();
        private int maxToolRounds = 8;
        private final List<WorkflowListener> listeners = new ArrayList<>();
        private PriceTable prices = PriceTable.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The model that leads (required); it must support tool use. */
        public Builder model(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Writes code when the model calls {@code generate_code} (required). */
        public Builder generator(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** Validates and runs code when the model calls {@code execute_code} (required). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder store(ArtifactStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder keyLayout(KeyLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public Builder secrets(SecretProvider secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** Most model rounds with tool calls before the run is stopped as FAILED (default 8). */
        public Builder maxToolRounds(int rounds) {
            if (rounds < 1 || rounds > 50) {
                throw new ConfigurationException("maxToolRounds must be within 1..50, was " + rounds);
            }
            this.maxToolRounds = rounds;
            return this;
        }

        public Builder listener(WorkflowListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder priceTable(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException naming what is missing */
        public AgentOrchestrator build() {
            if (model == null) {
                throw new ConfigurationException("AgentOrchestrator needs a tool-using model: call .model(...).");
            }
            if (generator == null) {
                throw new ConfigurationException("AgentOrchestrator needs a generator: call .generator("
                        + "ModelGenerator.builder().model(...).build()).");
            }
            if (executor == null) {
                throw new ConfigurationException("AgentOrchestrator needs an executor: call .executor("
                        + "Executor.builder().sandbox(...).build()).");
            }
            ArtifactStore s = store != null ? store
                    : FileSystemArtifactStore.at(Path.of(DefaultOrchestrator.DEFAULT_STORE_DIR));
            return new AgentOrchestrator(new Settings(model, generator, executor, s, layout, secrets, maxToolRounds,
                    List.copyOf(listeners), prices, clock));
        }
    }
}
