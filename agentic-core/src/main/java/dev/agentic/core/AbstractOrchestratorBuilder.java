package dev.agentic.core;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.internal.WorkflowSettings;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.KeyLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings every orchestrator of the SDK shares — generator, executor, store, key layout, secrets,
 * listeners, prices and clock — with their defaults, so {@link Orchestrator#builder()} and
 * {@link AgentOrchestrator#builder()} configure them the same way. Not thread-safe; the orchestrators built
 * are.
 *
 * @param <B> the concrete builder, returned by every setter
 */
@Experimental
public abstract class AbstractOrchestratorBuilder<B extends AbstractOrchestratorBuilder<B>> {
    /** Directory of the default store, relative to the working directory; created on the first write. */
    public static final String DEFAULT_STORE_DIR = "agentic-runs";

    private Generator generator;
    private Executor executor;
    private ArtifactStore store;
    private KeyLayout layout = KeyLayout.standard();
    private SecretProvider secrets = SecretProvider.environment();
    private final List<WorkflowListener> listeners = new ArrayList<>();
    private PriceTable prices = PriceTable.defaults();
    private Clock clock = Clock.systemUTC();

    protected AbstractOrchestratorBuilder() {}

    /** This builder, typed as the concrete builder. */
    protected abstract B self();

    /** Writes the code (required). */
    public B generator(Generator generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
        return self();
    }

    /** Validates and runs the code (required). */
    public B executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return self();
    }

    /**
     * Where code and records go (default: a file-system store in {@value #DEFAULT_STORE_DIR} under the working
     * directory, created when the first record is written).
     */
    public B store(ArtifactStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return self();
    }

    /** Key layout in the store (default {@link KeyLayout#standard()}). */
    public B keyLayout(KeyLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        return self();
    }

    /** Resolves the task's secret references (default: environment variables). */
    public B secrets(SecretProvider secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        return self();
    }

    /** Adds a listener for the events of every run. */
    public B listener(WorkflowListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** Prices for the estimated cost (default {@link PriceTable#defaults()}). */
    public B priceTable(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
        return self();
    }

    /** Clock for timestamps and durations (default the system UTC clock). */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * The shared settings, checked.
     *
     * @param orchestrator the orchestrator's name for error messages
     * @throws ConfigurationException naming what is missing
     */
    protected final WorkflowSettings settings(String orchestrator) {
        if (generator == null) {
            throw new ConfigurationException(orchestrator + " needs a generator: call .generator("
                    + "ModelGenerator.builder().model(yourChatModel).build()).");
        }
        if (executor == null) {
            throw new ConfigurationException(orchestrator + " needs an executor: call .executor("
                    + "Executor.builder().sandbox(yourSandbox).build()).");
        }
        Supplier<ArtifactStore> stores = store != null ? constant(store) : defaultStore();
        return new WorkflowSettings(generator, executor, stores, layout, secrets, listeners, prices, clock);
    }

    private static Supplier<ArtifactStore> constant(ArtifactStore store) {
        return () -> store;
    }

    private static Supplier<ArtifactStore> defaultStore() {
        return new Supplier<>() {
            private ArtifactStore created;

            @Override
            public synchronized ArtifactStore get() {
                if (created == null) {
                    created = ArtifactStore.fileSystem(Path.of(DEFAULT_STORE_DIR));
                }
                return created;
            }

            @Override
            public String toString() {
                return "FileSystemArtifactStore[" + DEFAULT_STORE_DIR + ", created on first write]";
            }
        };
    }
}
