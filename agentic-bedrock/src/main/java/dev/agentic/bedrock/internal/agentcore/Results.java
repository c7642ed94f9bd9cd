package dev.agentic.bedrock.internal.agentcore;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.secret.Redactor;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Turns a tool outcome into an {@link ExecutionResult}: exit code 0 is {@code Succeeded}, another is
 * {@code Failed}, no result within the wall time is {@code TimedOut}; output past the cap is cut at the cap
 * (on a character boundary) and marked truncated, and the run is {@code Killed} for {@link Limit#OUTPUT} as
 * in the local sandbox; secrets are redacted everywhere. Stateless.
 */
public final class Results {
    private Results() {}

    public static ExecutionResult of(
            ToolOutcome outcome,
            Duration wallTime,
            ExecutionLimits limits,
            List<OutputFile> files,
            List<String> notes,
            Redactor redactor) {
        ExecutionOutput.Builder out =
                ExecutionOutput.builder().duration(outcome.elapsed()).files(files);
        long cap = limits.maxOutputBytes();
        String stdout = cut(outcome.stdout(), cap);
        String stderr = cut(outcome.stderr(), cap);
        boolean truncated = stdout.length() < outcome.stdout().length()
                || stderr.length() < outcome.stderr().length();
        out.stdout(stdout)
                .stderr(stderr)
                .stdoutTruncated(stdout.length() < outcome.stdout().length())
                .stderrTruncated(stderr.length() < outcome.stderr().length())
                .notes(notes);
        if (truncated) {
            out.note("output: cut at " + cap + " bytes by the client; the program itself was not stopped at the cap");
        }
        ExecutionOutput output = out.build().redact(redactor);
        if (outcome.timedOut()) {
            return new ExecutionResult.TimedOut(wallTime, output);
        }
        if (truncated) {
            return new ExecutionResult.Killed(0, Limit.OUTPUT, output);
        }
        int exit = outcome.exitCode();
        return exit == 0 ? new ExecutionResult.Succeeded(output) : new ExecutionResult.Failed(exit, output);
    }

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code capBytes}. */
    static String cut(String text, long capBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= capBytes) {
            return text;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE);
        CharBuffer chars = CharBuffer.allocate((int) capBytes);
        decoder.decode(ByteBuffer.wrap(bytes, 0, (int) capBytes), chars, true);
        chars.flip();
        return chars.toString();
    }
}
