package dev.agentic.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.langchain4j.internal.Reports;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Our validator and sandbox as a tool for LangChain4j agents: the model passes a whole program, the tool checks
 * it against the {@link ValidationPolicy} and, when it passes, runs it in the configured {@link Sandbox} (local
 * or remote) with limits, a network policy and injected secrets, and answers with a {@link CodeRunReport} as JSON
 * — status, exit code, stdout, the tail of stderr, and findings with line and column — that the model can act
 * on. A rejected program or a failed run is a report, never an exception; secret values are masked in every
 * report.
 *
 * <p>Use it as an {@code @Tool} object, or as a {@link ToolSpecification} and an executor:
 *
 * <pre>{@code
 * SandboxCodeTool tool = SandboxCodeTool.builder().sandbox(sandbox).build();
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(tool).build();
 * // or: .tools(Map.of(tool.specification(), (request, memoryId) -> tool.execute(request)))
 * }</pre>
 *
 * <p>The default validators come from {@code agentic-validate} on the classpath (or pass {@link
 * Builder#validator}). Thread-safe; several calls may run at once when the sandbox allows. The tool does not
 * own the sandbox: whoever built it closes it.
 */
@Experimental
public final class SandboxCodeTool {
    /** The tool's name as the model sees it. */
    public static final String NAME = "execute_code";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Executor executor;
    private final Language language;
    private final ExecutionLimits limits;
    private final NetworkPolicy network;
    private final Map<String, SecretRef> secrets;
    private final List<InputFile> inputFiles;
    private final SecretProvider secretProvider;
    private final int stderrTailChars;

    private SandboxCodeTool(Builder b) {
        Executor.Builder executor = Executor.builder().sandbox(b.sandbox);
        if (b.validator != null) {
            executor.validator(b.validator);
        } else {
            executor.validationPolicy(b.policy);
        }
        this.executor = executor.build();
        this.language = b.language;
        this.limits = b.limits;
        this.network = b.network;
        this.secrets = Map.copyOf(b.secrets);
        this.inputFiles = List.copyOf(b.inputFiles);
        this.secretProvider = b.secretProvider;
        this.stderrTailChars = b.stderrTailChars;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The language of the programs it runs. */
    public Language language() {
        return language;
    }

    /**
     * The {@code @Tool} method LangChain4j's {@code AiServices} calls: validates and runs {@code code}, and
     * returns its {@link CodeRunReport} as JSON.
     *
     * @throws dev.agentic.core.sandbox.SandboxException when the sandbox cannot run programs at all
     * @throws dev.agentic.core.secret.SecretException when a configured secret cannot be resolved
     */
    @Tool(
            name = NAME,
            value = "Checks a complete program against the security policy and runs it in an isolated sandbox "
                    + "(Python unless the tool was configured otherwise). Print results to stdout. Returns JSON: "
                    + "status (SUCCEEDED, FAILED, REJECTED, TIMED_OUT, KILLED), exit_code, stdout, stderr_tail and "
                    + "findings (rule, message, line, column) to fix when REJECTED.")
    public String executeCode(@P(name = "code", value = "the complete program to run") String code) {
        return run(code).toJson();
    }

    /** Validates and runs {@code code}; the typed form of {@link #executeCode}. */
    public CodeRunReport run(String code) {
        Objects.requireNonNull(code, "code");
        Map<String, String> values = new LinkedHashMap<>();
        secrets.forEach((name, ref) -> values.put(name, secretProvider.resolve(ref)));
        ExecutionRequest.Builder request = ExecutionRequest.builder()
                .code(new Code(language, code))
                .limits(limits)
                .network(network)
                .secrets(values);
        inputFiles.forEach(request::inputFile);
        ExecutionOutcome outcome = executor.execute(request.build());
        return Reports.of(outcome, Redactor.of(values.values()), stderrTailChars);
    }

    /** The tool described for a LangChain4j model: {@link #NAME} with one string argument, {@code code}. */
    public ToolSpecification specification() {
        return ToolSpecification.builder()
                .name(NAME)
                .description("Checks a complete " + displayName() + " program against the security policy and runs "
                        + "it in an isolated sandbox. Print results to stdout. Returns JSON: status (SUCCEEDED, "
                        + "FAILED, REJECTED, TIMED_OUT, KILLED), exit_code, stdout, stderr_tail and findings (rule, "
                        + "message, line, column) to fix when REJECTED.")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("code", "the complete " + displayName() + " program to run")
                        .required("code")
                        .build())
                .build();
    }

    /**
     * Runs the program in {@code request}'s arguments ({@code {"code": "…"}}) and returns the report as JSON; the
     * body of a LangChain4j {@code ToolExecutor}. Arguments without a {@code code} string are answered with a
     * REJECTED report saying so, for the model to correct.
     */
    public String execute(ToolExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        String code;
        try {
            JsonNode args = JSON.readTree(request.arguments() == null ? "{}" : request.arguments());
            code = args == null
                    ? null
                    : args.path("code").isTextual() ? args.get("code").asText() : null;
        } catch (IOException e) {
            code = null;
        }
        if (code == null) {
            return Reports.badArguments(NAME).toJson();
        }
        return executeCode(code);
    }

    private String displayName() {
        String name = language.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public String toString() {
        return "SandboxCodeTool[" + language + ", " + secrets.size() + " secrets]";
    }

    /** Builds a {@link SandboxCodeTool}; {@link #sandbox} is required. Not thread-safe. */
    public static final class Builder {
        private Sandbox sandbox;
        private CodeValidator validator;
        private ValidationPolicy policy = ValidationPolicy.standard();
        private Language language = Language.PYTHON;
        private ExecutionLimits limits = ExecutionLimits.defaults();
        private NetworkPolicy network = NetworkPolicy.none();
        private final Map<String, SecretRef> secrets = new LinkedHashMap<>();
        private final List<InputFile> inputFiles = new ArrayList<>();
        private SecretProvider secretProvider = SecretProvider.environment();
        private int stderrTailChars = 2000;

        private Builder() {}

        /** The sandbox programs run in (required; not closed by the tool). */
        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /** The validator to use instead of the SDK's for its language (from {@code agentic-validate}). */
        public Builder validator(CodeValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** The policy for the SDK's validators (default {@link ValidationPolicy#standard()}). */
        public Builder validationPolicy(ValidationPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The language of the programs (default {@link Language#PYTHON}). */
        public Builder language(Language language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** Limits of every run (default {@link ExecutionLimits#defaults()}). */
        public Builder limits(ExecutionLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Network of every run (default {@link NetworkPolicy#none()}); its hosts also bound the validator's URLs. */
        public Builder network(NetworkPolicy network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /**
         * An environment variable {@code name} whose value is resolved from {@code ref} for every run; the model
         * sees only the name (tell it in the prompt), and the value is masked in every report.
         */
        public Builder secret(String name, SecretRef ref) {
            secrets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(ref, "ref"));
            return this;
        }

        /** A file placed in the working directory of every run (the data a question is about). */
        public Builder inputFile(String name, byte[] content) {
            inputFiles.add(new InputFile(name, content));
            return this;
        }

        /** Where {@link #secret} refs are resolved (default {@link SecretProvider#environment()}). */
        public Builder secretProvider(SecretProvider provider) {
            this.secretProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** How much of stderr's end a report keeps (default 2000 characters). */
        public Builder stderrTailChars(int chars) {
            if (chars < 0) {
                throw new ConfigurationException("SandboxCodeTool.stderrTailChars must not be negative, was " + chars);
            }
            this.stderrTailChars = chars;
            return this;
        }

        /** @throws ConfigurationException when no sandbox was given */
        public SandboxCodeTool build() {
            if (sandbox == null) {
                throw new ConfigurationException("SandboxCodeTool needs a sandbox: call .sandbox(…) "
                        + "(LocalSandbox.builder().build() from agentic-sandbox runs code locally)");
            }
            return new SandboxCodeTool(this);
        }
    }
}
