package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a program finds inside a sandbox, per language: the runtime ({@code Python 3.11.2}) and the third-party
 * modules it can import beyond the standard library. A {@link Sandbox} describes itself with one
 * ({@link Sandbox#environment()}), and {@code ModelGenerator} tells the model, so it does not write code for
 * libraries that are not there. Network and secrets are per task and described with the task, not here.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SandboxEnvironment env = SandboxEnvironment.builder()
 *     .runtime(Language.PYTHON, "Python 3.11.2")
 *     .packages(Language.PYTHON, List.of("yaml", "numpy"))
 *     .build();
 * }</pre>
 */
@Experimental
public final class SandboxEnvironment {
    private final Map<Language, String> runtimes;
    private final Map<Language, List<String>> packages;

    private SandboxEnvironment(Builder b) {
        this.runtimes = Map.copyOf(b.runtimes);
        Map<Language, List<String>> p = new EnumMap<>(Language.class);
        b.packages.forEach((l, names) -> p.put(l, List.copyOf(names)));
        this.packages = Map.copyOf(p);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        runtimes.forEach(b::runtime);
        packages.forEach(b::packages);
        return b;
    }

    /** The runtime programs in {@code language} run on, such as {@code Python 3.11.2}; empty when not known. */
    public Optional<String> runtime(Language language) {
        Objects.requireNonNull(language, "language");
        return Optional.ofNullable(runtimes.get(language));
    }

    /**
     * Whether the third-party modules of {@code language} are known ({@link #packages} then lists all of them,
     * possibly none).
     */
    public boolean packagesKnown(Language language) {
        Objects.requireNonNull(language, "language");
        return packages.containsKey(language);
    }

    /** The importable third-party modules of {@code language}, sorted; empty when none or not known. */
    public List<String> packages(Language language) {
        Objects.requireNonNull(language, "language");
        return packages.getOrDefault(language, List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SandboxEnvironment e && runtimes.equals(e.runtimes) && packages.equals(e.packages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runtimes, packages);
    }

    @Override
    public String toString() {
        return "SandboxEnvironment[runtimes=" + new TreeMap<>(runtimes) + ", packages=" + packages + "]";
    }

    /** Builder for {@link SandboxEnvironment}; not thread-safe. Everything is optional. */
    public static final class Builder {
        private final Map<Language, String> runtimes = new EnumMap<>(Language.class);
        private final Map<Language, TreeSet<String>> packages = new EnumMap<>(Language.class);

        private Builder() {}

        /** The runtime of {@code language}, such as {@code Python 3.11.2}. */
        public Builder runtime(Language language, String runtime) {
            Objects.requireNonNull(language, "language");
            if (runtime == null || runtime.isBlank()) {
                throw new ConfigurationException("SandboxEnvironment.runtime of " + language.id()
                        + " must not be blank; leave it out when it is not known.");
            }
            runtimes.put(language, runtime.strip());
            return this;
        }

        /** Replaces the importable third-party modules of {@code language} (an empty list: none). */
        public Builder packages(Language language, Collection<String> names) {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(names, "names");
            List<String> checked = new ArrayList<>();
            for (String n : names) {
                if (n == null || n.isBlank() || n.chars().anyMatch(Character::isWhitespace)) {
                    throw new ConfigurationException("SandboxEnvironment.packages of " + language.id()
                            + " must be module names without spaces, was '" + n + "'.");
                }
                checked.add(n);
            }
            packages.put(language, new TreeSet<>(checked));
            return this;
        }

        public SandboxEnvironment build() {
            return new SandboxEnvironment(this);
        }
    }
}
