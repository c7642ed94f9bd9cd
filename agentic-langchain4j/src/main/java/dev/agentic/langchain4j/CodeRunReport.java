package dev.agentic.langchain4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.validate.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SandboxCodeTool} tells the model about one program: whether it was rejected by the validator or
 * how its run ended, its output (stdout, and the tail of stderr), the validator's findings with line and
 * column, and the sandbox's notes. Every secret value given to the run is masked in all of it. {@link #toJson()}
 * is what the model reads. Immutable and thread-safe.
 */
@Experimental
public final class CodeRunReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the program ended. */
    public enum Status {
        /** The validator found an error; the program never ran. */
        REJECTED,
        SUCCEEDED,
        /** It ran and exited non-zero. */
        FAILED,
        TIMED_OUT,
        /** Killed for a limit (memory, CPU, output…). */
        KILLED
    }

    private final Status status;
    private final Integer exitCode;
    private final String stdout;
    private final boolean stdoutTruncated;
    private final String stderrTail;
    private final List<Finding> findings;
    private final List<String> notes;
    private final Duration duration;

    private CodeRunReport(Builder b) {
        this.status = b.status;
        this.exitCode = b.exitCode;
        this.stdout = b.stdout;
        this.stdoutTruncated = b.stdoutTruncated;
        this.stderrTail = b.stderrTail;
        this.findings = List.copyOf(b.findings);
        this.notes = List.copyOf(b.notes);
        this.duration = b.duration;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .status(status)
                .stdout(stdout)
                .stdoutTruncated(stdoutTruncated)
                .stderrTail(stderrTail)
                .findings(findings)
                .notes(notes)
                .duration(duration);
        b.exitCode = exitCode;
        return b;
    }

    public Status status() {
        return status;
    }

    /** Whether the program ran and exited 0. */
    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** The exit code of a finished run (0 when it succeeded); empty when it was rejected, timed out or killed. */
    public Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    /** What the program printed, up to the sandbox's output limit; empty when rejected. */
    public String stdout() {
        return stdout;
    }

    public boolean stdoutTruncated() {
        return stdoutTruncated;
    }

    /** The last part of stderr (a traceback's end); empty when rejected or silent. */
    public String stderrTail() {
        return stderrTail;
    }

    /** The validator's findings (errors and warnings), each with rule, message, line and column. */
    public List<Finding> findings() {
        return findings;
    }

    /** The sandbox's notes on the run (which limit enforced what, files changed by redaction…). */
    public List<String> notes() {
        return notes;
    }

    /** How long the run took; zero when rejected. */
    public Duration duration() {
        return duration;
    }

    /**
     * The report as a JSON object for the model: {@code status}, {@code exit_code} (when known), {@code stdout},
     * {@code stdout_truncated}, {@code stderr_tail}, {@code findings} ({@code rule}, {@code severity},
     * {@code message}, {@code line}, {@code column}), {@code notes} and {@code duration_ms}.
     */
    public String toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("status", status.name());
        if (exitCode != null) {
            json.put("exit_code", exitCode);
        }
        json.put("stdout", stdout);
        if (stdoutTruncated) {
            json.put("stdout_truncated", true);
        }
        json.put("stderr_tail", stderrTail);
        ArrayNode list = json.putArray("findings");
        for (Finding f : findings) {
            list.addObject()
                    .put("rule", f.rule().id())
                    .put("severity", f.severity().name())
                    .put("message", f.message())
                    .put("line", f.line())
                    .put("column", f.column());
        }
        if (!notes.isEmpty()) {
            ArrayNode n = json.putArray("notes");
            notes.forEach(n::add);
        }
        json.put("duration_ms", duration.toMillis());
        return json.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeRunReport r
                && status == r.status
                && Objects.equals(exitCode, r.exitCode)
                && stdout.equals(r.stdout)
                && stdoutTruncated == r.stdoutTruncated
                && stderrTail.equals(r.stderrTail)
                && findings.equals(r.findings)
                && notes.equals(r.notes)
                && duration.equals(r.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, exitCode, stdout, stdoutTruncated, stderrTail, findings, notes, duration);
    }

    @Override
    public String toString() {
        return "CodeRunReport[" + status + (exitCode == null ? "" : " exit " + exitCode) + ", " + findings.size()
                + " findings]";
    }

    /** Builds a {@link CodeRunReport}; {@link #status} is required. Not thread-safe. */
    public static final class Builder {
        private Status status;
        private Integer exitCode;
        private String stdout = "";
        private boolean stdoutTruncated;
        private String stderrTail = "";
        private final List<Finding> findings = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private Duration duration = Duration.ZERO;

        private Builder() {}

        public Builder status(Status status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        public Builder exitCode(int exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        public Builder stdout(String stdout) {
            this.stdout = Objects.requireNonNull(stdout, "stdout");
            return this;
        }

        public Builder stdoutTruncated(boolean truncated) {
            this.stdoutTruncated = truncated;
            return this;
        }

        public Builder stderrTail(String stderrTail) {
            this.stderrTail = Objects.requireNonNull(stderrTail, "stderrTail");
            return this;
        }

        public Builder findings(List<Finding> list) {
            findings.clear();
            list.forEach(f -> findings.add(Objects.requireNonNull(f, "finding")));
            return this;
        }

        public Builder notes(List<String> list) {
            notes.clear();
            list.forEach(n -> notes.add(Objects.requireNonNull(n, "note")));
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** @throws ConfigurationException when no status was given */
        public CodeRunReport build() {
            if (status == null) {
                throw new ConfigurationException("CodeRunReport needs a status: call .status(…)");
            }
            return new CodeRunReport(this);
        }
    }
}
