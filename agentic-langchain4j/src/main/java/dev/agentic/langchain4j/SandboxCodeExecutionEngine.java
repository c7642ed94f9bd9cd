package dev.agentic.langchain4j;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.langchain4j.code.CodeExecutionEngine;
import java.util.Objects;

/**
 * LangChain4j's {@link CodeExecutionEngine} backed by our validator and sandbox, a drop-in replacement for the
 * engines that evaluate code in-process: {@link #execute} validates the program and runs it through a
 * {@link SandboxCodeTool}. A program that succeeds returns its stdout, as those engines return their output;
 * anything else — rejected by the validator, failed, timed out, killed — returns the {@link CodeRunReport} as
 * JSON (status, exit code, stderr tail, findings with line and column) so the caller, usually a model, can fix
 * it. Secret values are masked in both.
 *
 * <pre>{@code
 * CodeExecutionEngine engine = SandboxCodeExecutionEngine.of(SandboxCodeTool.builder().sandbox(sandbox).build());
 * String out = engine.execute("print(6 * 7)");   // "42\n"
 * }</pre>
 *
 * <p>Thread-safe like its tool; does not own the sandbox.
 */
@Experimental
public final class SandboxCodeExecutionEngine implements CodeExecutionEngine {
    private final SandboxCodeTool tool;

    private SandboxCodeExecutionEngine(SandboxCodeTool tool) {
        this.tool = tool;
    }

    /** An engine running programs through {@code tool}. */
    public static SandboxCodeExecutionEngine of(SandboxCodeTool tool) {
        return new SandboxCodeExecutionEngine(Objects.requireNonNull(tool, "tool"));
    }

    /**
     * Validates and runs {@code code}: its stdout when it succeeded, else its report as JSON.
     *
     * @throws ConfigurationException when {@code code} is null
     */
    @Override
    public String execute(String code) {
        if (code == null) {
            throw new ConfigurationException("SandboxCodeExecutionEngine.execute needs a program, was null");
        }
        CodeRunReport report = tool.run(code);
        return report.succeeded() ? report.stdout() : report.toJson();
    }

    /** The tool this engine runs programs through. */
    public SandboxCodeTool tool() {
        return tool;
    }
}
