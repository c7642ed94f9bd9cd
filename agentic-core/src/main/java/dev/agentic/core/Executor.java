package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.internal.DefaultExecutor;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import java.util.function.Consumer;

/**
 * Validates a program, then runs it. A program with an error finding is {@link ExecutionOutcome.Rejected}
 * and never reaches the sandbox.
 *
 * <p>Implementations are thread-safe. The executor does not own its sandbox: whoever built the sandbox
 * closes it.
 */
@Stable
public interface Executor {

    /**
     * Validates {@code request.code()} against {@code request.network()}, and runs it when valid.
     *
     * @throws UnsupportedCapabilityException before the program runs, when the request needs something the
     *     sandbox does not enforce (an allowlist, secrets, a limit, files, the language); never a silent downgrade
     * @throws SandboxException when the sandbox cannot run it at all
     * @throws ConfigurationException when no validator is configured for the code's language
     */
    default ExecutionOutcome execute(ExecutionRequest request) {
        return execute(request, Observer.NONE);
    }

    /**
     * Like {@link #execute(ExecutionRequest)}, telling {@code observer} when validation is done and the run
     * starts (the orchestrator turns these into events).
     */
    ExecutionOutcome execute(ExecutionRequest request, Observer observer);

    /** Hears the steps of one {@link #execute} call, on the calling thread. */
    interface Observer {
        /** An observer that ignores everything. */
        Observer NONE = new Observer() {};

        /** The validator has judged the program. */
        default void validated(ValidationResult result) {}

        /** The program passed validation and is being handed to the sandbox. */
        default void executionStarted() {}
    }

    /** Same as {@link #execute(ExecutionRequest)} with a request built in place. */
    default ExecutionOutcome execute(Consumer<ExecutionRequest.Builder> request) {
        ExecutionRequest.Builder b = ExecutionRequest.builder();
        request.accept(b);
        return execute(b.build());
    }

    static Builder builder() {
        return new DefaultExecutor.Builder();
    }

    /** Builds the default executor. Not thread-safe; the built executor is. */
    interface Builder {
        /** The sandbox to run in (required). */
        Builder sandbox(Sandbox sandbox);

        /** A validator for its language, replacing the SDK's validator for that language. */
        Builder validator(CodeValidator validator);

        /**
         * Policy for the SDK's own validators of languages without an explicit {@link #validator}
         * (default {@link ValidationPolicy#standard()}).
         */
        Builder validationPolicy(ValidationPolicy policy);

        /**
         * Runs every program <b>without static checks</b>: no validator is called, nothing is rejected, and each
         * outcome's {@link ExecutionOutcome#validation()} is an empty result. Only for callers whose user chose
         * this explicitly (such as {@code agentic exec --no-validate}); the sandbox still isolates the run.
         * Cannot be combined with {@link #validator} or {@link #validationPolicy}.
         */
        Builder skipValidation();

        /**
         * @throws ConfigurationException when no sandbox was given, or {@link #skipValidation()} was combined
         *     with a validator or a policy
         */
        Executor build();
    }
}
