package dev.agentic.core.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Conversation;
import dev.agentic.core.Executor;
import dev.agentic.core.Generator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.PriceTable;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.FileSystemArtifactStore;
import java.nio.file.Path;
import dev.agentic.core.store.KeyLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The default {@link Orchestrator}: the generate → validate → run pipeline with repairs. Thread-safe. */
public final class DefaultOrchestrator implements Orchestrator {
    /** Directory of the default store, relative to the working directory. */
    public static final String DEFAULT_STORE_DIR = "agentic-runs";

    private final Settings settings;

    private DefaultOrchestrator(Settings settings) {
        this.settings = settings;
    }

    @Override
    public WorkflowResult run(Task task) {
        Objects.requireNonNull(task, "task");
        return new WorkflowRun(settings, task, List.of()).run();
    }

    @Override
    public Conversation conversation() {
        return new HistoryConversation((task, history) -> new WorkflowRun(settings, task, history).run());
    }

    @Override
    public String toString() {
        return "DefaultOrchestrator[maxAttempts=" + settings.maxAttempts() + ", store=" + settings.store() + "]";
    }

    /** Everything a run needs; immutable. */
    record Settings(Generator generator, Executor executor, ArtifactStore store, KeyLayout layout,
                    SecretProvider secrets, int maxAttempts, EventDispatcher events, PriceTable prices, Clock clock) {
    }

    /** Builder behind {@link Orchestrator#builder()}. */
    public static final class Builder implements Orchestrator.Builder {
        private Generator generator;
        private Executor executor;
        private ArtifactStore store;
        private KeyLayout layout = KeyLayout.standard();
        private SecretProvider secrets = SecretProvider.environment();
        private int maxAttempts = 3;
        private final List<WorkflowListener> listeners = new ArrayList<>();
        private PriceTable prices = PriceTable.defaults();
        private Clock clock = Clock.systemUTC();

        @Override
        public Builder generator(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        @Override
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        @Override
        public Builder store(ArtifactStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        @Override
        public Builder keyLayout(KeyLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        @Override
        public Builder secrets(SecretProvider secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        @Override
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new ConfigurationException("maxAttempts must be within 1..20, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        @Override
        public Builder listener(WorkflowListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        @Override
        public Builder priceTable(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        public Orchestrator build() {
            if (generator == null) {
                throw new ConfigurationException("Orchestrator needs a generator: call .generator("
                        + "ModelGenerator.builder().model(yourChatModel).build()).");
            }
            if (executor == null) {
                throw new ConfigurationException("Orchestrator needs an executor: call .executor("
                        + "Executor.builder().sandbox(yourSandbox).build()).");
            }
            ArtifactStore s = store != null ? store : FileSystemArtifactStore.at(Path.of(DEFAULT_STORE_DIR));
            return new DefaultOrchestrator(new Settings(generator, executor, s, layout, secrets, maxAttempts,
                    new EventDispatcher(listeners), prices, clock));
        }
    }
}
