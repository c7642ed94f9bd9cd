package dev.agentic.core;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.internal.AgentRun;
import dev.agentic.core.internal.WorkflowSettings;
import dev.agentic.core.model.ChatModel;
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
@Experimental
public final class AgentOrchestrator implements Orchestrator {
    private final ChatModel model;
    private final WorkflowSettings settings;
    private final int maxToolRounds;

    private AgentOrchestrator(ChatModel model, WorkflowSettings settings, int maxToolRounds) {
        this.model = model;
        this.settings = settings;
        this.maxToolRounds = maxToolRounds;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public WorkflowResult run(WorkflowRequest request) {
        Objects.requireNonNull(request, "request");
        return new AgentRun(model, settings, maxToolRounds, request).run();
    }

    @Override
    public String toString() {
        return "AgentOrchestrator[" + model.id() + ", maxToolRounds=" + maxToolRounds + "]";
    }

    /**
     * Builder for {@link AgentOrchestrator}; not thread-safe. The model, generator and executor are required;
     * the other settings are those of every orchestrator ({@link AbstractOrchestratorBuilder}).
     */
    public static final class Builder extends AbstractOrchestratorBuilder<Builder> {
        private ChatModel model;
        private int maxToolRounds = 8;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** The model that leads (required); it must support tool use. */
        public Builder model(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
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

        /** @throws ConfigurationException naming what is missing */
        public AgentOrchestrator build() {
            if (model == null) {
                throw new ConfigurationException("AgentOrchestrator needs a tool-using model: call .model(...).");
            }
            return new AgentOrchestrator(model, settings("AgentOrchestrator"), maxToolRounds);
        }
    }
}
