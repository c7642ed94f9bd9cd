package dev.agentic.core.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link Executor}: validate, then run in the sandbox when there is no error finding.
 * Thread-safe. Validators for languages not configured explicitly are created on first use from the SDK's
 * own validators under the configured policy.
 */
public final class DefaultExecutor implements Executor {
    private final Sandbox sandbox;
    private final Map<Language, CodeValidator> validators;
    private final ValidationPolicy policy;
    private final boolean skipValidation;

    private DefaultExecutor(Builder b) {
        this.sandbox = b.sandbox;
        this.validators = new ConcurrentHashMap<>(b.validators);
        this.policy = b.policy;
        this.skipValidation = b.skipValidation;
    }

    @Override
    public ExecutionOutcome execute(ExecutionRequest request, Observer observer) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(observer, "observer");
        if (skipValidation) {
            checkCapabilities(request);
            observer.executionStarted();
            return new ExecutionOutcome.Ran(
                    ValidationResult.valid(request.code().language()), run(request));
        }
        CodeValidator validator = validatorFor(request.code().language());
        ValidationResult validation = PluginCalls.validator(
                "CodeValidator[" + validator + "]", () -> validator.validate(request.code(), request.network()));
        observer.validated(validation);
        if (!validation.valid()) {
            return new ExecutionOutcome.Rejected(validation);
        }
        // Before anything runs, and only once the sandbox is needed: never a silent downgrade.
        checkCapabilities(request);
        observer.executionStarted();
        return new ExecutionOutcome.Ran(validation, run(request));
    }

    private void checkCapabilities(ExecutionRequest request) {
        PluginCalls.sandbox("Sandbox[" + sandbox + "]", sandbox::capabilities).check(request, sandbox.toString());
    }

    private ExecutionResult run(ExecutionRequest request) {
        return PluginCalls.sandbox("Sandbox[" + sandbox + "]", () -> sandbox.execute(request));
    }

    private CodeValidator validatorFor(Language language) {
        return validators.computeIfAbsent(language, l -> CodeValidator.forLanguage(l, policy));
    }

    @Override
    public String toString() {
        return "DefaultExecutor[" + sandbox
                + (skipValidation ? ", validation skipped" : ", validators=" + validators.keySet()) + "]";
    }

    /** Builder behind {@link Executor#builder()}. */
    public static final class Builder implements Executor.Builder {
        private Sandbox sandbox;
        private final Map<Language, CodeValidator> validators = new EnumMap<>(Language.class);
        private ValidationPolicy policy = ValidationPolicy.standard();
        private boolean policySet;
        private boolean skipValidation;

        @Override
        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        @Override
        public Builder validator(CodeValidator validator) {
            Objects.requireNonNull(validator, "validator");
            validators.put(validator.language(), validator);
            return this;
        }

        @Override
        public Builder validationPolicy(ValidationPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.policySet = true;
            return this;
        }

        @Override
        public Builder skipValidation() {
            this.skipValidation = true;
            return this;
        }

        @Override
        public Executor build() {
            if (sandbox == null) {
                throw new ConfigurationException("Executor needs a sandbox: call Executor.builder().sandbox(...) "
                        + "(LocalSandbox.builder().build() from agentic-sandbox runs code locally).");
            }
            if (skipValidation && (policySet || !validators.isEmpty())) {
                throw new ConfigurationException("Executor.builder(): skipValidation() turns validation off, so it "
                        + "cannot be combined with validator(...) or validationPolicy(...); drop one of them.");
            }
            return new DefaultExecutor(this);
        }
    }
}
