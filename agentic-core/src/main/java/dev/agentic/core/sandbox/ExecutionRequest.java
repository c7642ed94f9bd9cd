package dev.agentic.core.sandbox;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a {@link Sandbox} needs for one run. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p>Secret values are passed to the program only as environment variables and are redacted from its
 * output; {@link #toString()} never shows them.
 */
@Stable
public final class ExecutionRequest {

    private final Code code;
    private final ExecutionLimits limits;
    private final NetworkPolicy network;
    private final Map<String, String> environment;
    private final Map<String, String> secrets;
    private final List<InputFile> inputFiles;
    private final List<String> outputGlobs;

    private ExecutionRequest(Builder b) {
        this.code = Objects.requireNonNull(b.code, "code must be set");
        this.limits = b.limits;
        this.network = b.network;
        this.environment = Map.copyOf(b.environment);
        this.secrets = Map.copyOf(b.secrets);
        this.inputFiles = List.copyOf(b.inputFiles);
        this.outputGlobs = List.copyOf(b.outputGlobs);
        EnvironmentNames.checkDisjoint(environment, secrets);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shortcut for a request with default limits, no network and nothing else. */
    public static ExecutionRequest of(Code code) {
        return builder().code(code).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder().code(code).limits(limits).network(network);
        b.environment.putAll(environment);
        b.secrets.putAll(secrets);
        b.inputFiles.addAll(inputFiles);
        b.outputGlobs.addAll(outputGlobs);
        return b;
    }

    public Code code() {
        return code;
    }

    public ExecutionLimits limits() {
        return limits;
    }

    public NetworkPolicy network() {
        return network;
    }

    /** Plain (non-secret) environment variables of the program. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Resolved secret values by environment variable name; to be injected and redacted. */
    public Map<String, String> secrets() {
        return secrets;
    }

    public List<InputFile> inputFiles() {
        return inputFiles;
    }

    /**
     * Glob patterns of files to collect from the working directory after the run, as {@link OutputGlob}
     * defines them ({@code glob:} syntax; {@code **}{@code /} also matches no directory); empty collects
     * nothing. Each is checked by {@link Builder#outputGlob}, so an invalid one fails when the request is built.
     */
    public List<String> outputGlobs() {
        return outputGlobs;
    }

    @Override
    public String toString() {
        return "ExecutionRequest[" + code + ", " + limits + ", " + network + ", env=" + environment.keySet()
                + ", secrets=" + secrets.keySet() + ", inputs=" + inputFiles.size() + ", outputs=" + outputGlobs + "]";
    }

    /** Builder for {@link ExecutionRequest}; not thread-safe. */
    public static final class Builder {
        private Code code;
        private ExecutionLimits limits = ExecutionLimits.defaults();
        private NetworkPolicy network = NetworkPolicy.none();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> secrets = new LinkedHashMap<>();
        private final List<InputFile> inputFiles = new ArrayList<>();
        private final List<String> outputGlobs = new ArrayList<>();

        private Builder() {}

        public Builder code(Code code) {
            this.code = Objects.requireNonNull(code, "code");
            return this;
        }

        public Builder limits(ExecutionLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder limits(Consumer<ExecutionLimits.Builder> change) {
            ExecutionLimits.Builder b = limits.toBuilder();
            change.accept(b);
            this.limits = b.build();
            return this;
        }

        public Builder network(NetworkPolicy network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(EnvironmentNames.check(name), Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            variables.forEach(this::environment);
            return this;
        }

        /** Adds a resolved secret, exposed to the program as environment variable {@code name}. */
        public Builder secret(String name, String value) {
            secrets.put(EnvironmentNames.check(name), Objects.requireNonNull(value, "secret value"));
            return this;
        }

        public Builder secrets(Map<String, String> values) {
            values.forEach(this::secret);
            return this;
        }

        public Builder inputFile(InputFile file) {
            inputFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        public Builder inputFile(String name, byte[] content) {
            return inputFile(new InputFile(name, content));
        }

        public Builder outputGlob(String glob) {
            OutputGlob.validate(glob);
            outputGlobs.add(glob);
            return this;
        }

        public ExecutionRequest build() {
            if (code == null) {
                throw new ConfigurationException("ExecutionRequest.code must be set");
            }
            return new ExecutionRequest(this);
        }
    }
}
