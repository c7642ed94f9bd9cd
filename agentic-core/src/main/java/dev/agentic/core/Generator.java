package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.ModelException;

/**
 * Writes a program for a task, or repairs the previous one from feedback.
 *
 * <p>Implementations are thread-safe. {@link ModelGenerator} is the default: one model call per
 * generation, with prompts per language and code extraction from the answer.
 */
@Stable
@FunctionalInterface
public interface Generator {

    /**
     * Generates (or repairs) a program.
     *
     * @return the program, or {@link GenerationResult.NoCode} when the answer held none
     * @throws ModelException when the model cannot answer at all
     */
    GenerationResult generate(GenerationRequest request);
}
