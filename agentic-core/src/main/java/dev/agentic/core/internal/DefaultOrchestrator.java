package dev.agentic.core.internal;

import dev.agentic.core.AbstractOrchestratorBuilder;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.WorkflowRequest;
import dev.agentic.core.WorkflowResult;
import java.util.Objects;

/** The default {@link Orchestrator}: the generate → validate → run pipeline with repairs. Thread-safe. */
public final class DefaultOrchestrator implements Orchestrator {
    private final WorkflowSettings settings;
    private final int maxAttempts;

    private DefaultOrchestrator(WorkflowSettings settings, int maxAttempts) {
        this.settings = settings;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public WorkflowResult run(WorkflowRequest request) {
        Objects.requireNonNull(request, "request");
        return new WorkflowRun(settings, maxAttempts, request).run();
    }

    @Override
    public String toString() {
        return "DefaultOrchestrator[maxAttempts=" + maxAttempts + ", store=" + settings.store() + "]";
    }

    /** Builder behind {@link Orchestrator#builder()}. */
    public static final class Builder extends AbstractOrchestratorBuilder<Builder> implements Orchestrator.Builder {
        private int maxAttempts = 3;

        @Override
        protected Builder self() {
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
        public Orchestrator build() {
            return new DefaultOrchestrator(settings("Orchestrator"), maxAttempts);
        }
    }
}
