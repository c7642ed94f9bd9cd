package dev.agentic.core.sandbox;

import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A request (or session) asks for something the sandbox cannot enforce: a language it does not run, or a
 * {@link SandboxCapability} missing from its {@link Sandbox#capabilities()}. Thrown before anything runs;
 * the SDK never quietly runs a program with less protection than it asked for. Not retryable: change the
 * request or the sandbox.
 */
@Experimental
public class UnsupportedCapabilityException extends SandboxException {
    private static final long serialVersionUID = 1L;
    private final Set<SandboxCapability> missing;
    private final Language language;

    /** The sandbox lacks {@code missing}; {@code message} names them, what needs them and what to do. */
    public UnsupportedCapabilityException(String message, Set<SandboxCapability> missing) {
        super(message);
        Set<SandboxCapability> copy = EnumSet.noneOf(SandboxCapability.class);
        copy.addAll(missing);
        this.missing = Collections.unmodifiableSet(copy);
        this.language = null;
    }

    /** The sandbox does not run {@code language}; {@code message} says which languages it runs. */
    public UnsupportedCapabilityException(String message, Language language) {
        super(message);
        this.missing = Set.of();
        this.language = language;
    }

    /** The capabilities the sandbox lacks; empty when only the language is unsupported. */
    public Set<SandboxCapability> missing() {
        return missing;
    }

    /** The language the sandbox does not run, when that is the reason. */
    public Optional<Language> unsupportedLanguage() {
        return Optional.ofNullable(language);
    }
}
