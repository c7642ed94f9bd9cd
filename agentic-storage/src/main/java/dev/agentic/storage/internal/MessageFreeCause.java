package dev.agentic.storage.internal;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Internal;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A stand-in for an AWS SDK exception whose message may quote a response that holds a secret value (the SDK's
 * JSON parser quotes the token it cannot read): the same class names and stack traces down the cause chain,
 * with every message replaced by the original class name. Suppressed exceptions are not copied (the SDK adds
 * one per attempt, with the same message). Immutable once built.
 */
@Internal
public final class MessageFreeCause extends AgenticException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 16;

    private MessageFreeCause(Throwable original, Throwable cause) {
        super(
                original.getClass().getName() + " (message withheld: it may quote the response, which can hold "
                        + "the secret value)",
                cause);
        setStackTrace(original.getStackTrace());
    }

    /** The chain of {@code original} and its causes without their messages. */
    public static Throwable of(Throwable original) {
        return copy(original, new IdentityHashMap<>(), 0);
    }

    private static Throwable copy(Throwable t, Map<Throwable, Boolean> seen, int depth) {
        if (t == null || depth >= MAX_DEPTH || seen.put(t, Boolean.TRUE) != null) {
            return null;
        }
        return new MessageFreeCause(t, copy(t.getCause(), seen, depth + 1));
    }
}
