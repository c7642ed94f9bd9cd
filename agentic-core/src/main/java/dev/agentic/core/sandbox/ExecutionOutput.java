package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run produced, whatever its outcome: output kept up to the limit (also on timeout), truncation
 * marks, duration, collected files, the egress proxy's decisions, notes on how limits were enforced and,
 * for session runs, the value of the final expression. Immutable and thread-safe; build with
 * {@link #builder()} (sandboxes and fakes do; callers read it).
 */
@Stable
public final class ExecutionOutput {
    private final String stdout;
    private final String stderr;
    private final boolean stdoutTruncated;
    private final boolean stderrTruncated;
    private final Duration duration;
    private final List<OutputFile> files;
    private final List<NetworkDecision> network;
    private final List<String> notes;
    private final String value;

    private ExecutionOutput(Builder b) {
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.stdoutTruncated = b.stdoutTruncated;
        this.stderrTruncated = b.stderrTruncated;
        this.duration = b.duration;
        this.files = List.copyOf(b.files);
        this.network = List.copyOf(b.network);
        this.notes = List.copyOf(b.notes);
        this.value = b.value;
    }

    /** An empty output (no text, zero duration, nothing collected) to fill in. */
    public static Builder builder() {
        return new Builder();
    }

    /** Output with only stdout, stderr and duration; nothing collected. */
    public static ExecutionOutput of(String stdout, String stderr, Duration duration) {
        return builder().stdout(stdout).stderr(stderr).duration(duration).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .stdout(stdout)
                .stderr(stderr)
                .stdoutTruncated(stdoutTruncated)
                .stderrTruncated(stderrTruncated)
                .duration(duration)
                .files(files)
                .network(network)
                .notes(notes);
        b.value = value;
        return b;
    }

    /** Standard output, decoded as UTF-8, secrets redacted. */
    public String stdout() {
        return stdout;
    }

    /** Standard error, decoded as UTF-8, secrets redacted. */
    public String stderr() {
        return stderr;
    }

    /** Whether stdout hit its cap and was cut. */
    public boolean stdoutTruncated() {
        return stdoutTruncated;
    }

    /** Whether stderr hit its cap and was cut. */
    public boolean stderrTruncated() {
        return stderrTruncated;
    }

    /** Wall time from start to the end of the process tree. */
    public Duration duration() {
        return duration;
    }

    /** Files collected from the working directory. */
    public List<OutputFile> files() {
        return files;
    }

    /** Every egress decision, in order. */
    public List<NetworkDecision> network() {
        return network;
    }

    /** How the sandbox enforced the limits on this platform ({@code memory: RLIMIT_AS (no cgroup v2)}). */
    public List<String> notes() {
        return notes;
    }

    /**
     * The text form of the value of the code's final expression (as a REPL shows it: {@code 42},
     * {@code 'abc'}), for sandboxes that report one, typically in sessions; secrets redacted. Empty for
     * one-shot runs and when the code did not end with an expression.
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** The last {@code maxChars} characters of stderr, for repair prompts and summaries. */
    public String stderrTail(int maxChars) {
        return tail(stderr, maxChars);
    }

    /** The last {@code maxChars} characters of stdout. */
    public String stdoutTail(int maxChars) {
        return tail(stdout, maxChars);
    }

    /**
     * A copy with every secret form masked wherever a program can put text: stdout, stderr (a stream cut at the
     * cap also loses a secret's beginning left at its end), the value, the host names and reasons of network
     * decisions (a secret can be smuggled out as a host name), collected file paths, the content of collected
     * text files, and notes. A text file is one whose content is valid UTF-8; its secret forms are masked like
     * stdout's and a note names the file. A binary file whose bytes hold a secret form is left out of the result
     * (masking bytes in place would corrupt it) and a note names it. Each note says which file was changed.
     */
    public ExecutionOutput redact(Redactor redactor) {
        if (redactor.isEmpty()) {
            return this;
        }
        List<NetworkDecision> net = network.stream()
                .map(d -> new NetworkDecision(
                        d.time(), redactor.redact(d.host()), d.port(), d.allowed(), redactor.redact(d.reason())))
                .collect(Collectors.toList());
        List<String> outNotes = new ArrayList<>(notes);
        List<OutputFile> outFiles = new ArrayList<>();
        for (OutputFile f : files) {
            String path = redactor.redact(f.path());
            Optional<String> text = OutputText.decode(f.content());
            if (text.isPresent()) {
                String masked = redactor.redact(text.get());
                if (masked.equals(text.get())) {
                    outFiles.add(path.equals(f.path()) ? f : new OutputFile(path, f.content()));
                } else {
                    outFiles.add(new OutputFile(path, masked.getBytes(StandardCharsets.UTF_8)));
                    outNotes.add("output " + path + ": secret values masked in its content");
                }
            } else if (redactor.containsSecret(OutputText.decodeLeniently(f.content()))) {
                outNotes.add("output " + path + " withheld: binary content holding a secret value");
            } else {
                outFiles.add(path.equals(f.path()) ? f : new OutputFile(path, f.content()));
            }
        }
        Builder b = toBuilder()
                .stdout(stdoutTruncated ? redactor.redactTruncated(stdout) : redactor.redact(stdout))
                .stderr(stderrTruncated ? redactor.redactTruncated(stderr) : redactor.redact(stderr))
                .files(outFiles)
                .network(net)
                .notes(outNotes.stream().map(redactor::redact).collect(Collectors.toList()));
        b.value = value == null ? null : redactor.redact(value);
        return b.build();
    }

    private static String tail(String s, int maxChars) {
        return s.length() <= maxChars ? s : s.substring(s.length() - maxChars);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionOutput x
                && stdout.equals(x.stdout)
                && stderr.equals(x.stderr)
                && stdoutTruncated == x.stdoutTruncated
                && stderrTruncated == x.stderrTruncated
                && duration.equals(x.duration)
                && files.equals(x.files)
                && network.equals(x.network)
                && notes.equals(x.notes)
                && Objects.equals(value, x.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stdout, stderr, stdoutTruncated, stderrTruncated, duration, files, network, notes, value);
    }

    @Override
    public String toString() {
        return "ExecutionOutput[stdout=" + stdout + (stdoutTruncated ? " (truncated)" : "") + ", stderr=" + stderr
                + (stderrTruncated ? " (truncated)" : "") + ", duration=" + duration + ", files=" + files
                + ", network=" + network + ", notes=" + notes + (value == null ? "" : ", value=" + value) + "]";
    }

    /**
     * Builder for {@link ExecutionOutput}; not thread-safe. Defaults: empty stdout and stderr, not truncated,
     * zero duration, no files, no network decisions, no notes, no value.
     */
    public static final class Builder {
        private String stdout = "";
        private String stderr = "";
        private boolean stdoutTruncated;
        private boolean stderrTruncated;
        private Duration duration = Duration.ZERO;
        private final List<OutputFile> files = new ArrayList<>();
        private final List<NetworkDecision> network = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String value;

        private Builder() {}

        public Builder stdout(String stdout) {
            this.stdout = Objects.requireNonNull(stdout, "stdout");
            return this;
        }

        public Builder stderr(String stderr) {
            this.stderr = Objects.requireNonNull(stderr, "stderr");
            return this;
        }

        public Builder stdoutTruncated(boolean truncated) {
            this.stdoutTruncated = truncated;
            return this;
        }

        public Builder stderrTruncated(boolean truncated) {
            this.stderrTruncated = truncated;
            return this;
        }

        /** Must not be negative. */
        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** Replaces the collected files. */
        public Builder files(List<OutputFile> files) {
            this.files.clear();
            files.forEach(this::file);
            return this;
        }

        public Builder file(OutputFile file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Replaces the egress decisions. */
        public Builder network(List<NetworkDecision> decisions) {
            this.network.clear();
            decisions.forEach(this::networkDecision);
            return this;
        }

        public Builder networkDecision(NetworkDecision decision) {
            network.add(Objects.requireNonNull(decision, "decision"));
            return this;
        }

        /** Replaces the notes. */
        public Builder notes(List<String> notes) {
            this.notes.clear();
            notes.forEach(this::note);
            return this;
        }

        public Builder note(String note) {
            notes.add(Objects.requireNonNull(note, "note"));
            return this;
        }

        /** The text form of the final expression's value (see {@link ExecutionOutput#value()}). */
        public Builder value(String value) {
            this.value = Objects.requireNonNull(value, "value");
            return this;
        }

        /** @throws ConfigurationException when the duration is negative */
        public ExecutionOutput build() {
            if (duration.isNegative()) {
                throw new ConfigurationException("ExecutionOutput.duration must not be negative, was " + duration);
            }
            return new ExecutionOutput(this);
        }
    }
}
