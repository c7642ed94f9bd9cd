package dev.agentic.core.sandbox;

import dev.agentic.core.annotation.Stable;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one run. Sealed: switch over {@link Succeeded}, {@link Failed}, {@link TimedOut} and
 * {@link Killed}; every case keeps the {@link ExecutionOutput} produced so far.
 */
@Stable
public sealed interface ExecutionResult
        permits ExecutionResult.Succeeded, ExecutionResult.Failed, ExecutionResult.TimedOut, ExecutionResult.Killed {

    /** What the run produced. */
    ExecutionOutput output();

    /** True only for {@link Succeeded}. */
    default boolean succeeded() {
        return this instanceof Succeeded;
    }

    /** Status name used in records and JSON: SUCCEEDED, FAILED, TIMED_OUT, KILLED. */
    String status();

    /**
     * One line for people and progress displays: status, exit code or limit, and for an unsuccessful run the
     * last line of stderr, e.g. {@code FAILED (exit 1): KeyError: 'id'}.
     */
    default String describe() {
        StringBuilder sb = new StringBuilder(status());
        if (this instanceof Failed f) {
            sb.append(" (exit ").append(f.exitCode()).append(')');
        } else if (this instanceof Killed k) {
            sb.append(" (")
                    .append(k.limit().id())
                    .append(k.signal() > 0 ? ", signal " + k.signal() : "")
                    .append(')');
        } else if (this instanceof TimedOut t) {
            sb.append(" (after ").append(t.limit().toMillis()).append(" ms)");
        }
        if (!succeeded()) {
            String[] lines = stderr().strip().split("\n");
            String last = lines[lines.length - 1].strip();
            if (!last.isEmpty()) {
                sb.append(": ").append(last.length() > 200 ? last.substring(0, 200) + "..." : last);
            }
        }
        return sb.toString();
    }

    /** A copy with its output replaced (used by redaction). */
    ExecutionResult withOutput(ExecutionOutput output);

    default String stdout() {
        return output().stdout();
    }

    default String stderr() {
        return output().stderr();
    }

    default Duration duration() {
        return output().duration();
    }

    /** The program exited with status 0. */
    record Succeeded(ExecutionOutput output) implements ExecutionResult {
        public Succeeded {
            Objects.requireNonNull(output, "output");
        }

        @Override
        public String status() {
            return "SUCCEEDED";
        }

        @Override
        public ExecutionResult withOutput(ExecutionOutput o) {
            return new Succeeded(o);
        }
    }

    /** The program exited with a non-zero status on its own (an exception, {@code sys.exit(1)}, …). */
    record Failed(int exitCode, ExecutionOutput output) implements ExecutionResult {
        public Failed {
            Objects.requireNonNull(output, "output");
        }

        @Override
        public String status() {
            return "FAILED";
        }

        @Override
        public ExecutionResult withOutput(ExecutionOutput o) {
            return new Failed(exitCode, o);
        }
    }

    /** The wall-clock limit passed; the whole process tree was killed. Output so far is kept. */
    record TimedOut(Duration limit, ExecutionOutput output) implements ExecutionResult {
        public TimedOut {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(output, "output");
        }

        @Override
        public String status() {
            return "TIMED_OUT";
        }

        @Override
        public ExecutionResult withOutput(ExecutionOutput o) {
            return new TimedOut(limit, o);
        }
    }

    /**
     * The program was ended by a signal: a limit (CPU, memory, output) or a signal it could not survive.
     *
     * @param signal the signal number (9 for SIGKILL), or 0 when unknown
     * @param limit the limit that caused it, {@link Limit#UNKNOWN} when the sandbox cannot tell
     */
    record Killed(int signal, Limit limit, ExecutionOutput output) implements ExecutionResult {
        public Killed {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(output, "output");
        }

        @Override
        public String status() {
            return "KILLED";
        }

        @Override
        public ExecutionResult withOutput(ExecutionOutput o) {
            return new Killed(signal, limit, o);
        }
    }
}
