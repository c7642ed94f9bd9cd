package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.OutputGlob;
import dev.agentic.core.secret.SecretRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A task in natural language with everything its program may use: language, secrets (by reference),
 * network allowlist, plain environment, limits and files. Immutable and thread-safe.
 *
 * <pre>{@code
 * Task task = Task.builder()
 *     .description("Create a Stripe customer named Alice")
 *     .integration("stripe")
 *     .secret("STRIPE_API_KEY", SecretRef.of("stripe/test-key", "api_key"))
 *     .allowHost("api.stripe.com")
 *     .build();
 * }</pre>
 */
@Stable
public final class Task {
    private static final Pattern INTEGRATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String description;
    private final String integration;
    private final Language language;
    private final Map<String, SecretRef> secrets;
    private final NetworkPolicy network;
    private final Map<String, String> environment;
    private final ExecutionLimits limits;
    private final List<InputFile> inputFiles;
    private final List<String> outputGlobs;

    private Task(Builder b) {
        this.description = b.description;
        this.integration = b.integration;
        this.language = b.language;
        this.secrets = Map.copyOf(b.secrets);
        this.network = b.network.build();
        this.environment = Map.copyOf(b.environment);
        this.limits = b.limits;
        this.inputFiles = List.copyOf(b.inputFiles);
        this.outputGlobs = List.copyOf(b.outputGlobs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shortcut for a Python task with no secrets and no network. */
    public static Task of(String description) {
        return builder().description(description).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .description(description)
                .integration(integration)
                .language(language)
                .network(network)
                .limits(limits);
        b.secrets.putAll(secrets);
        b.environment.putAll(environment);
        b.inputFiles.addAll(inputFiles);
        b.outputGlobs.addAll(outputGlobs);
        return b;
    }

    /** What the program must do, in natural language. */
    public String description() {
        return description;
    }

    /** Short name grouping records, e.g. {@code stripe}; {@code default} unless set. */
    public String integration() {
        return integration;
    }

    public Language language() {
        return language;
    }

    /** Secret references by the environment variable name the program reads them from. */
    public Map<String, SecretRef> secrets() {
        return secrets;
    }

    public NetworkPolicy network() {
        return network;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public ExecutionLimits limits() {
        return limits;
    }

    public List<InputFile> inputFiles() {
        return inputFiles;
    }

    public List<String> outputGlobs() {
        return outputGlobs;
    }

    @Override
    public String toString() {
        return "Task[" + integration + ", " + language.id() + ", \"" + description + "\", secrets=" + secrets.keySet()
                + ", " + network + "]";
    }

    /** Builder for {@link Task}; not thread-safe. {@link #description} is required. */
    public static final class Builder {
        private String description;
        private String integration = "default";
        private Language language = Language.PYTHON;
        private final Map<String, SecretRef> secrets = new LinkedHashMap<>();
        private NetworkPolicy.Builder network = NetworkPolicy.builder();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private ExecutionLimits limits = ExecutionLimits.defaults();
        private final List<InputFile> inputFiles = new ArrayList<>();
        private final List<String> outputGlobs = new ArrayList<>();

        private Builder() {}

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Letters, digits, '.', '_' and '-', up to 64 characters; used in storage keys. */
        public Builder integration(String integration) {
            if (integration == null || !INTEGRATION.matcher(integration).matches()) {
                throw new ConfigurationException("Task.integration '" + integration + "' must be 1-64 letters, "
                        + "digits, '.', '_' or '-' and start with a letter or digit (for example stripe).");
            }
            this.integration = integration;
            return this;
        }

        public Builder language(Language language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** The program reads the resolved value of {@code ref} from environment variable {@code envName}. */
        public Builder secret(String envName, SecretRef ref) {
            secrets.put(checkEnvName(envName), Objects.requireNonNull(ref, "ref"));
            return this;
        }

        /** Allows the program to reach {@code host} or {@code host:port}. */
        public Builder allowHost(String host) {
            network.allowHost(host);
            return this;
        }

        public Builder allowHost(HostPort host) {
            network.allowHost(host);
            return this;
        }

        /** Replaces the whole network policy, including hosts allowed so far. */
        public Builder network(NetworkPolicy policy) {
            this.network = Objects.requireNonNull(policy, "network").toBuilder();
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(checkEnvName(name), Objects.requireNonNull(value, "value of " + name));
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

        public Builder inputFile(InputFile file) {
            inputFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        public Builder outputGlob(String glob) {
            OutputGlob.validate(glob);
            outputGlobs.add(glob);
            return this;
        }

        public Task build() {
            if (description == null || description.isBlank()) {
                throw new ConfigurationException(
                        "Task.description must be set: say in words what the program " + "should do.");
            }
            for (String name : secrets.keySet()) {
                if (environment.containsKey(name)) {
                    throw new ConfigurationException(
                            "Task: " + name + " is both a secret and a plain " + "environment variable; keep one.");
                }
            }
            return new Task(this);
        }

        private static String checkEnvName(String name) {
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                throw new ConfigurationException(
                        "Environment variable name '" + name + "' must match [A-Za-z_][A-Za-z0-9_]*.");
            }
            return name;
        }
    }
}
