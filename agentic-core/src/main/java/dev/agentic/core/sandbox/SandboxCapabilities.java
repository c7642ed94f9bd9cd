package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link Sandbox} enforces and which languages it runs. Immutable and thread-safe; build with
 * {@link #builder()}.
 *
 * <p><b>What a request needs.</b> {@link #requiredBy(ExecutionRequest)} lists the capabilities a request
 * depends on: {@link SandboxCapability#HOST_ALLOWLIST} when its network policy allows hosts,
 * {@link SandboxCapability#ENVIRONMENT} for environment variables, {@link SandboxCapability#SECRETS} for
 * secrets, {@link SandboxCapability#INPUT_FILES} and {@link SandboxCapability#OUTPUT_FILES} for files, and a
 * limit capability for every {@link ExecutionLimits} value that differs from {@link ExecutionLimits#defaults()}.
 * The baseline — no network and the default limits — needs nothing: every request has it, so it cannot tell
 * what the caller relies on, and a sandbox configured below it (such as a local sandbox built without
 * isolation) was chosen so by its owner, says so in its capabilities and in each result's notes. Callers
 * that depend on the baseline check {@link #has} themselves. A limit set to exactly its default value
 * counts as not requested.
 *
 * <p>{@link #check(ExecutionRequest, String)} turns a mismatch into an {@link UnsupportedCapabilityException}
 * that names what is missing; the default executor calls it once the program has passed validation, before
 * anything runs.
 */
@Experimental
public final class SandboxCapabilities {
    private final Set<SandboxCapability> capabilities;
    private final Set<Language> languages;

    private SandboxCapabilities(Builder b) {
        this.capabilities = Collections.unmodifiableSet(EnumSet.copyOf(b.capabilities));
        this.languages = Collections.unmodifiableSet(EnumSet.copyOf(b.languages));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().capabilities(capabilities).languages(languages);
    }

    /** The capabilities the sandbox enforces, in declaration order. */
    public Set<SandboxCapability> capabilities() {
        return capabilities;
    }

    /** The languages the sandbox runs; never empty. */
    public Set<Language> languages() {
        return languages;
    }

    public boolean has(SandboxCapability capability) {
        return capabilities.contains(Objects.requireNonNull(capability, "capability"));
    }

    public boolean runs(Language language) {
        return languages.contains(Objects.requireNonNull(language, "language"));
    }

    /** Whether {@link Sandbox#openSession(SessionOptions)} opens sessions ({@link SandboxCapability#SESSIONS}). */
    public boolean supportsSessions() {
        return has(SandboxCapability.SESSIONS);
    }

    /** The capabilities {@code request} depends on, as defined in the class description. */
    public static Set<SandboxCapability> requiredBy(ExecutionRequest request) {
        return enumSet(needs(request).keySet());
    }

    /** The capabilities a session opened with {@code options} depends on, {@link SandboxCapability#SESSIONS} first. */
    public static Set<SandboxCapability> requiredBy(SessionOptions options) {
        return enumSet(needs(options).keySet());
    }

    /**
     * Refuses a request this sandbox cannot honour: a language it does not run, or a capability from
     * {@link #requiredBy(ExecutionRequest)} it lacks.
     *
     * @param sandbox how to name the sandbox in the message, usually its {@code toString()}
     * @throws UnsupportedCapabilityException naming every missing capability, what in the request needs it
     *     and what to do
     */
    public void check(ExecutionRequest request, String sandbox) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sandbox, "sandbox");
        checkLanguage(request.code().language(), sandbox);
        checkNeeds(needs(request), sandbox, "this request");
    }

    /** Like {@link #check(ExecutionRequest, String)}, for opening a session with {@code options}. */
    public void check(SessionOptions options, String sandbox) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sandbox, "sandbox");
        checkLanguage(options.language(), sandbox);
        checkNeeds(needs(options), sandbox, "this session");
    }

    private static Set<SandboxCapability> enumSet(Collection<SandboxCapability> c) {
        Set<SandboxCapability> set = EnumSet.noneOf(SandboxCapability.class);
        set.addAll(c);
        return Collections.unmodifiableSet(set);
    }

    private void checkLanguage(Language language, String sandbox) {
        if (!runs(language)) {
            throw new UnsupportedCapabilityException(
                    sandbox + " does not run " + language + "; it runs " + languages
                            + ". Use a sandbox whose capabilities() list " + language
                            + ", or ask for code in one of those.",
                    language);
        }
    }

    private void checkNeeds(Map<SandboxCapability, String> needs, String sandbox, String what) {
        Map<SandboxCapability, String> missing = new LinkedHashMap<>(needs);
        missing.keySet().removeAll(capabilities);
        if (missing.isEmpty()) {
            return;
        }
        String list = missing.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getKey().description() + "), needed for " + e.getValue())
                .collect(Collectors.joining("; "));
        throw new UnsupportedCapabilityException(
                sandbox + " cannot honour " + what + ": it does not enforce "
                        + list + ". Use a sandbox whose capabilities() include " + (missing.size() == 1 ? "it" : "them")
                        + ", or leave that out (limits equal to ExecutionLimits.defaults() need no capability).",
                missing.keySet());
    }

    private static Map<SandboxCapability, String> needs(ExecutionRequest r) {
        Map<SandboxCapability, String> needs = new LinkedHashMap<>();
        common(needs, r.network(), r.environment().keySet(), r.secrets().keySet(), r.limits());
        if (!r.inputFiles().isEmpty()) {
            needs.put(SandboxCapability.INPUT_FILES, r.inputFiles().size() + " input file(s)");
        }
        if (!r.outputGlobs().isEmpty()) {
            needs.put(SandboxCapability.OUTPUT_FILES, "output globs " + r.outputGlobs());
        }
        return needs;
    }

    private static Map<SandboxCapability, String> needs(SessionOptions o) {
        Map<SandboxCapability, String> needs = new LinkedHashMap<>();
        needs.put(SandboxCapability.SESSIONS, "a session");
        common(needs, o.network(), o.environment().keySet(), o.secrets().keySet(), o.limits());
        return needs;
    }

    private static void common(
            Map<SandboxCapability, String> needs,
            NetworkPolicy network,
            Set<String> env,
            Set<String> secrets,
            ExecutionLimits limits) {
        if (!network.isNone()) {
            needs.put(SandboxCapability.HOST_ALLOWLIST, "the network policy allowing " + network.allowedHosts());
        }
        if (!env.isEmpty()) {
            needs.put(SandboxCapability.ENVIRONMENT, "environment variables " + env);
        }
        if (!secrets.isEmpty()) {
            needs.put(SandboxCapability.SECRETS, "secrets " + secrets);
        }
        ExecutionLimits d = ExecutionLimits.defaults();
        limit(needs, SandboxCapability.MEMORY_LIMIT, "memoryBytes", limits.memoryBytes(), d.memoryBytes());
        limit(needs, SandboxCapability.CPU_TIME_LIMIT, "cpuTime", limits.cpuTime(), d.cpuTime());
        limit(needs, SandboxCapability.PROCESS_LIMIT, "maxProcesses", limits.maxProcesses(), d.maxProcesses());
        limit(needs, SandboxCapability.WALL_TIME_LIMIT, "wallTime", limits.wallTime(), d.wallTime());
        limit(needs, SandboxCapability.OUTPUT_LIMIT, "maxOutputBytes", limits.maxOutputBytes(), d.maxOutputBytes());
        limit(
                needs,
                SandboxCapability.FILE_SIZE_LIMIT,
                "maxFileSizeBytes",
                limits.maxFileSizeBytes(),
                d.maxFileSizeBytes());
        limit(needs, SandboxCapability.DISK_LIMIT, "maxDiskBytes", limits.maxDiskBytes(), d.maxDiskBytes());
        limit(needs, SandboxCapability.OPEN_FILES_LIMIT, "maxOpenFiles", limits.maxOpenFiles(), d.maxOpenFiles());
    }

    private static void limit(
            Map<SandboxCapability, String> needs, SandboxCapability c, String field, Object value, Object byDefault) {
        if (!value.equals(byDefault)) {
            needs.put(c, "limits." + field + " " + value + " (default " + byDefault + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SandboxCapabilities c
                && capabilities.equals(c.capabilities)
                && languages.equals(c.languages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capabilities, languages);
    }

    @Override
    public String toString() {
        return "SandboxCapabilities[languages=" + languages + ", " + capabilities + "]";
    }

    /** Builder for {@link SandboxCapabilities}; not thread-safe. Starts with no capability and no language. */
    public static final class Builder {
        private final Set<SandboxCapability> capabilities = EnumSet.noneOf(SandboxCapability.class);
        private final Set<Language> languages = EnumSet.noneOf(Language.class);

        private Builder() {}

        public Builder capability(SandboxCapability capability) {
            capabilities.add(Objects.requireNonNull(capability, "capability"));
            return this;
        }

        public Builder capabilities(Collection<SandboxCapability> capabilities) {
            capabilities.forEach(this::capability);
            return this;
        }

        /** Removes {@code capability} again (for a copy made with {@link SandboxCapabilities#toBuilder()}). */
        public Builder without(SandboxCapability capability) {
            capabilities.remove(Objects.requireNonNull(capability, "capability"));
            return this;
        }

        /** Adds every {@link SandboxCapability}. */
        public Builder allCapabilities() {
            capabilities.addAll(EnumSet.allOf(SandboxCapability.class));
            return this;
        }

        public Builder language(Language language) {
            languages.add(Objects.requireNonNull(language, "language"));
            return this;
        }

        public Builder languages(Collection<Language> languages) {
            languages.forEach(this::language);
            return this;
        }

        /** @throws ConfigurationException when no language was given */
        public SandboxCapabilities build() {
            if (languages.isEmpty()) {
                throw new ConfigurationException("SandboxCapabilities.languages must name at least one language "
                        + "(call language(Language.PYTHON) or languages(...))");
            }
            return new SandboxCapabilities(this);
        }
    }
}
