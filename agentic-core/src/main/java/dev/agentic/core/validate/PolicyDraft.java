package dev.agentic.core.validate;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.validate.ValidationPolicy.ImportMode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings a {@link ValidationPolicy.Builder} collects, with the checks on its input: names must not be
 * blank (they are trimmed), a name is either denied or allowed (the later call wins), limits stay in range, and
 * an allowlist allows something. Errors name the builder call. Not thread-safe, like the builder that owns it.
 */
final class PolicyDraft {
    ImportMode importMode = ImportMode.DENYLIST;
    final Set<String> deniedImports = new TreeSet<>();
    final Set<String> allowedImports = new TreeSet<>();
    final Set<String> deniedCalls = new TreeSet<>();
    final Set<String> allowedCalls = new TreeSet<>();
    final Set<RuleId> disabledRules = new TreeSet<>();
    int maxSourceBytes = 256 * 1024;
    int maxNestingDepth = 100;
    int maxThreads = 8;
    boolean checkLiteralHosts = true;

    /** A draft holding every setting of {@code policy}. */
    static PolicyDraft of(ValidationPolicy policy) {
        PolicyDraft d = new PolicyDraft();
        d.importMode = policy.importMode();
        d.deniedImports.addAll(policy.deniedImports());
        d.allowedImports.addAll(policy.allowedImports());
        d.deniedCalls.addAll(policy.deniedCalls());
        d.allowedCalls.addAll(policy.allowedCalls());
        d.disabledRules.addAll(policy.disabledRules());
        d.maxSourceBytes = policy.maxSourceBytes();
        d.maxNestingDepth = policy.maxNestingDepth();
        d.maxThreads = policy.maxThreads();
        d.checkLiteralHosts = policy.checkLiteralHosts();
        return d;
    }

    /** Adds {@code name} (trimmed) to {@code to} and takes it out of {@code from}; {@code call} names the setter. */
    static void move(String name, Set<String> to, Set<String> from, String call) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException(call + ": name must not be blank");
        }
        String trimmed = name.trim();
        to.add(trimmed);
        from.remove(trimmed);
    }

    static int positive(int v, String field) {
        if (v < 1) {
            throw new ConfigurationException(field + " must be positive, was " + v);
        }
        return v;
    }

    static int notNegative(int v, String field) {
        if (v < 0) {
            throw new ConfigurationException(field + " must not be negative, was " + v);
        }
        return v;
    }

    /** Fails when the draft cannot become a policy: an allowlist that allows nothing. */
    void checkComplete() {
        if (importMode == ImportMode.ALLOWLIST && allowedImports.isEmpty()) {
            throw new ConfigurationException("An ALLOWLIST policy needs at least one allowed import; "
                    + "start from ValidationPolicy.strict() or call allowImport(...).");
        }
    }
}
