package dev.agentic.core.validate;

import dev.agentic.core.annotation.Stable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link CodeValidator} accepts. Immutable and thread-safe; start from {@link #standard()} or
 * {@link #strict()} and adjust with {@link #toBuilder()}.
 *
 * <p>The two starting points have different jobs:
 * <ul>
 *   <li>{@link #standard()} is a <b>lint</b>: a denylist ({@link ImportMode#DENYLIST}) that catches the mistakes
 *       and the obvious escapes a model makes ({@code subprocess}, {@code eval}, writes to {@code /etc}, a
 *       host that is not allowed) and steers the repair loop with findings that say what to do instead. A
 *       determined program walks around a denylist through library features that take names or code as
 *       strings; the sandbox is what contains such a program.</li>
 *   <li>{@link #strict()} is a <b>gate</b>: an allowlist ({@link ImportMode#ALLOWLIST}) of the standard
 *       library's safe modules and members, everything that evaluates strings as code or resolves names from
 *       strings denied, files only inside the working directory, and network hosts that must be known when the
 *       program is read. Use it where the validator is the only gate: with {@code Isolation.NONE}, and with a
 *       remote sandbox whose isolation is weaker than the local one. Add the packages of the environment the
 *       code runs in with {@link Builder#allowModules(String...)}.</li>
 * </ul>
 *
 * <p>Names are the language's own: Python module names ({@code subprocess}, {@code os.path}) and dotted
 * member names ({@code os.system}); Java package or type names ({@code java.lang.reflect},
 * {@code java.lang.ProcessBuilder}) and method names ({@code Runtime.exec}). A name matches itself and
 * everything below it: denying {@code os} denies {@code os.path}.
 *
 * <ul>
 *   <li>{@link ImportMode#DENYLIST} (standard): every import is allowed except the validator's built-in
 *       deny set plus {@link #deniedImports()}, minus {@link #allowedImports()}. Suits API-integration
 *       code ({@code requests}, {@code urllib}, {@code json}, reading {@code os.environ}).</li>
 *   <li>{@link ImportMode#ALLOWLIST} (strict): only what {@link #allowedImports()} names may be imported and
 *       used, never what {@link #deniedImports()} names (the more specific entry wins: allowing {@code logging}
 *       and denying {@code logging.config} allows the one and not the other). An entry below a module allows
 *       that member only: with {@code os.environ} and {@code os.path} allowed but not {@code os}, a program may
 *       {@code import os} and use {@code os.environ} and {@code os.path.join}, and nothing else of
 *       {@code os}. In this mode the validators also apply their gate rules: a URL or host given to a network
 *       call must be a constant the validator can read (a host computed at run time is rejected), files are
 *       read and written only inside the working directory, and constructs that make a library evaluate a
 *       string as code or look names up from it (string annotations, format templates that are not literals,
 *       archive extraction, SQL {@code ATTACH}) are rejected.</li>
 * </ul>
 * Denied calls, dunder attributes, dynamic code and literal hosts are checked in both modes.
 *
 * <pre>{@code
 * // a gate for code that runs without a sandbox, with the packages of its Python environment
 * ValidationPolicy gate = ValidationPolicy.strict().toBuilder().allowModules("requests", "pandas").build();
 * }</pre>
 */
@Stable
public final class ValidationPolicy {

    /** How imports are judged. */
    public enum ImportMode {
        /** Everything not denied is allowed: a lint. */
        DENYLIST,
        /** Only what is allowed may be imported and used, and the validators apply their gate rules. */
        ALLOWLIST
    }

    /**
     * The names {@link #strict()} allows (both languages' names; they do not collide): whole Python modules
     * ({@code json}, {@code csv}, {@code http.client}, {@code pathlib}, ...), members of modules allowed only in
     * part ({@code os.environ}, {@code logging.getLogger}, {@code urllib.request.urlopen}, {@code typing.Optional},
     * ...) and Java packages and types ({@code java.util}, {@code java.time}, {@code java.nio.file},
     * {@code java.net.http}, {@code java.net.URI}, ...).
     */
    public static final Set<String> STRICT_IMPORTS = StrictNames.ALLOWED;

    /**
     * The names {@link #strict()} denies below what it allows: {@code logging.config}, the network logging
     * handlers, {@code http.server}; {@code java.beans}, {@code javax.xml.transform}, {@code java.util.prefs},
     * {@code System.setProperty}, {@code LogManager.readConfiguration}, ...
     */
    public static final Set<String> STRICT_DENIED = StrictNames.DENIED;

    private static final ValidationPolicy STANDARD = builder().build();
    private static final ValidationPolicy STRICT = builder()
            .importMode(ImportMode.ALLOWLIST)
            .allowImports(STRICT_IMPORTS)
            .denyImports(STRICT_DENIED)
            .denyCalls(STRICT_DENIED)
            .build();

    private final ImportMode importMode;
    private final Set<String> deniedImports;
    private final Set<String> allowedImports;
    private final Set<String> deniedCalls;
    private final Set<String> allowedCalls;
    private final Set<RuleId> disabledRules;
    private final int maxSourceBytes;
    private final int maxNestingDepth;
    private final int maxThreads;
    private final boolean checkLiteralHosts;

    private ValidationPolicy(PolicyDraft d) {
        this.importMode = d.importMode;
        this.deniedImports = Set.copyOf(d.deniedImports);
        this.allowedImports = Set.copyOf(d.allowedImports);
        this.deniedCalls = Set.copyOf(d.deniedCalls);
        this.allowedCalls = Set.copyOf(d.allowedCalls);
        this.disabledRules = Set.copyOf(d.disabledRules);
        this.maxSourceBytes = d.maxSourceBytes;
        this.maxNestingDepth = d.maxNestingDepth;
        this.maxThreads = d.maxThreads;
        this.checkLiteralHosts = d.checkLiteralHosts;
    }

    /**
     * The lint: denylist mode with the built-in deny sets, the default for API-integration code. It catches
     * mistakes and obvious escapes and steers repairs; it is not a gate (see the class description).
     */
    public static ValidationPolicy standard() {
        return STANDARD;
    }

    /**
     * The gate: allowlist mode with {@link #STRICT_IMPORTS} allowed and {@link #STRICT_DENIED} denied, and the
     * validators' gate rules on (see the class description). Third-party packages are not allowed until you add
     * them: {@code strict().toBuilder().allowModules("requests").build()}.
     */
    public static ValidationPolicy strict() {
        return STRICT;
    }

    public static Builder builder() {
        return new Builder(new PolicyDraft());
    }

    public Builder toBuilder() {
        return new Builder(PolicyDraft.of(this));
    }

    public ImportMode importMode() {
        return importMode;
    }

    /** Imports denied in addition to the validator's built-in set (and in allowlist mode, always). */
    public Set<String> deniedImports() {
        return deniedImports;
    }

    /** Denylist mode: exceptions to the deny set. Allowlist mode: the only imports permitted. */
    public Set<String> allowedImports() {
        return allowedImports;
    }

    /** Calls denied in addition to the validator's built-in set. */
    public Set<String> deniedCalls() {
        return deniedCalls;
    }

    /** Calls removed from the validator's built-in deny set. */
    public Set<String> allowedCalls() {
        return allowedCalls;
    }

    /** Rules that produce no findings. */
    public Set<RuleId> disabledRules() {
        return disabledRules;
    }

    /** Whether findings under {@code rule} are reported. */
    public boolean isRuleEnabled(RuleId rule) {
        return !disabledRules.contains(rule);
    }

    public int maxSourceBytes() {
        return maxSourceBytes;
    }

    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /** Java: the most threads a program may start explicitly. */
    public int maxThreads() {
        return maxThreads;
    }

    /** Whether literal URLs and host names are checked against the task's network allowlist. */
    public boolean checkLiteralHosts() {
        return checkLiteralHosts;
    }

    /**
     * Whether the validators apply their gate rules (hosts that must be constants, files only inside the working
     * directory, no strings evaluated as code or names): true in {@link ImportMode#ALLOWLIST} mode.
     */
    public boolean isGate() {
        return importMode == ImportMode.ALLOWLIST;
    }

    /**
     * Whether {@code name} or one of its dotted parents is in {@code names}: {@code os.path} matches
     * {@code os}.
     */
    public static boolean matchesNameOrParent(String name, Collection<String> names) {
        for (String n = name; !names.contains(n); n = n.substring(0, n.lastIndexOf('.'))) {
            if (n.indexOf('.') < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationPolicy p && settings().equals(p.settings());
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    /** Every setting, in a fixed order: what equality and the hash are made of. */
    private List<Object> settings() {
        return List.of(
                importMode,
                deniedImports,
                allowedImports,
                deniedCalls,
                allowedCalls,
                disabledRules,
                maxSourceBytes,
                maxNestingDepth,
                maxThreads,
                checkLiteralHosts);
    }

    @Override
    public String toString() {
        return "ValidationPolicy[" + importMode + ", denyImports=" + new TreeSet<>(deniedImports)
                + ", allowImports=" + allowedImports.size() + " names, denyCalls=" + new TreeSet<>(deniedCalls)
                + ", allowCalls=" + new TreeSet<>(allowedCalls) + ", disabled=" + new TreeSet<>(disabledRules) + "]";
    }

    /** Builder for {@link ValidationPolicy}; not thread-safe. */
    public static final class Builder {
        private final PolicyDraft d;

        private Builder(PolicyDraft d) {
            this.d = d;
        }

        public Builder importMode(ImportMode mode) {
            d.importMode = Objects.requireNonNull(mode, "importMode");
            return this;
        }

        public Builder denyImport(String name) {
            PolicyDraft.move(name, d.deniedImports, d.allowedImports, "denyImport");
            return this;
        }

        public Builder denyImports(Collection<String> names) {
            names.forEach(this::denyImport);
            return this;
        }

        public Builder allowImport(String name) {
            PolicyDraft.move(name, d.allowedImports, d.deniedImports, "allowImport");
            return this;
        }

        public Builder allowImports(Collection<String> names) {
            names.forEach(this::allowImport);
            return this;
        }

        /**
         * Allows whole modules or packages, with everything below them, by the name code imports them with:
         * the packages installed in the Python environment the code runs in ({@code requests}, {@code pandas},
         * {@code bs4} — the import name, not the name you install), or the Java packages on its class path
         * ({@code com.fasterxml.jackson.databind}). The same as {@link #allowImports(Collection)}; what the
         * validators check about every call (literal hosts, dynamic code, dunder attributes) still applies.
         */
        public Builder allowModules(String... names) {
            return allowModules(List.of(names));
        }

        /** See {@link #allowModules(String...)}. */
        public Builder allowModules(Collection<String> names) {
            return allowImports(names);
        }

        public Builder denyCall(String name) {
            PolicyDraft.move(name, d.deniedCalls, d.allowedCalls, "denyCall");
            return this;
        }

        public Builder denyCalls(Collection<String> names) {
            names.forEach(this::denyCall);
            return this;
        }

        public Builder allowCall(String name) {
            PolicyDraft.move(name, d.allowedCalls, d.deniedCalls, "allowCall");
            return this;
        }

        public Builder allowCalls(Collection<String> names) {
            names.forEach(this::allowCall);
            return this;
        }

        /** Reports no findings under {@code rule}, e.g. {@link RuleId#DUNDER_ACCESS}. */
        public Builder disableRule(RuleId rule) {
            d.disabledRules.add(Objects.requireNonNull(rule, "disableRule"));
            return this;
        }

        /** Reports findings under {@code rule} again (every rule is enabled unless disabled). */
        public Builder enableRule(RuleId rule) {
            d.disabledRules.remove(Objects.requireNonNull(rule, "enableRule"));
            return this;
        }

        public Builder maxSourceBytes(int maxSourceBytes) {
            d.maxSourceBytes = PolicyDraft.positive(maxSourceBytes, "maxSourceBytes");
            return this;
        }

        public Builder maxNestingDepth(int maxNestingDepth) {
            d.maxNestingDepth = PolicyDraft.positive(maxNestingDepth, "maxNestingDepth");
            return this;
        }

        public Builder maxThreads(int maxThreads) {
            d.maxThreads = PolicyDraft.notNegative(maxThreads, "maxThreads");
            return this;
        }

        public Builder checkLiteralHosts(boolean check) {
            d.checkLiteralHosts = check;
            return this;
        }

        public ValidationPolicy build() {
            d.checkComplete();
            return new ValidationPolicy(d);
        }
    }
}
