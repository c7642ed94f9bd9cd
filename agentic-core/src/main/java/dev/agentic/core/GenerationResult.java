package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.TokenUsage;
import java.util.Objects;

/**
 * What a {@link Generator} produced. Sealed: a program, or a typed "no code" outcome the repair loop can
 * act on (never an exception).
 */
@Stable
public sealed interface GenerationResult permits GenerationResult.Generated, GenerationResult.NoCode {

    /** The model's full answer. */
    String modelText();

    /** Tokens the generation consumed. */
    TokenUsage usage();

    /** The model that answered. */
    String modelId();

    /**
     * A program was extracted.
     *
     * @param truncated whether the model's answer was cut off (the program may be incomplete)
     */
    record Generated(Code code, String modelText, TokenUsage usage, String modelId, boolean truncated)
            implements GenerationResult {
        public Generated {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(modelText, "modelText");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(modelId, "modelId");
        }
    }

    /** No program could be extracted; {@code reason} says why. */
    record NoCode(String reason, String modelText, TokenUsage usage, String modelId) implements GenerationResult {
        public NoCode {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(modelText, "modelText");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(modelId, "modelId");
        }
    }
}
