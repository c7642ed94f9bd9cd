package dev.agentic.validate.internal;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import java.util.Objects;

/** Argument checks every built-in validator makes before it looks at the code. */
public final class ValidatorInputs {
    private ValidatorInputs() {}

    /**
     * Checks that {@code code} and {@code network} are given and that the code is in {@code expected}.
     *
     * @throws ConfigurationException naming the language the validator checks and how to get the right one
     */
    public static void require(Code code, NetworkPolicy network, Language expected) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(network, "network");
        if (code.language() != expected) {
            throw new ConfigurationException("The " + expected.displayName() + " validator cannot check "
                    + code.language().displayName() + " code; use CodeValidator.forLanguage(" + code.language()
                    + ", policy).");
        }
    }
}
