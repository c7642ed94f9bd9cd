package dev.agentic.core.internal;

import dev.agentic.core.Executor;
import dev.agentic.core.Generator;
import dev.agentic.core.PriceTable;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.KeyLayout;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every orchestrator of the SDK is built with; immutable. The store is a supplier so that the default
 * store's directory is created when the first record is written, not when the orchestrator is built.
 */
public record WorkflowSettings(
        Generator generator,
        Executor executor,
        Supplier<ArtifactStore> store,
        KeyLayout layout,
        SecretProvider secrets,
        List<WorkflowListener> listeners,
        PriceTable prices,
        Clock clock) {
    public WorkflowSettings {
        listeners = List.copyOf(listeners);
    }
}
