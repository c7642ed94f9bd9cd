package dev.agentic.core.sandbox;

import dev.agentic.core.secret.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a run produced, whatever its outcome: output kept up to the limit (also on timeout), truncation
 * marks, duration, collected files, the egress proxy's decisions and notes on how limits were enforced.
 *
 * @param stdout standard output, decoded as UTF-8, secrets redacted
 * @param stderr standard error, decoded as UTF-8, secrets redacted
 * @param stdoutTruncated whether stdout hit its cap and was cut
 * @param stderrTruncated whether stderr hit its cap and was cut
 * @param duration wall time from start to the end of the process tree
 * @param files files collected from the working directory
 * @param network every egress decision, in order
 * @param notes how the sandbox enforced the limits on this platform ("memory: RLIMIT_AS (no cgroup v2)")
 */
public record ExecutionOutput(String stdout, String stderr, boolean stdoutTruncated, boolean stderrTruncated,
                              Duration duration, List<OutputFile> files, List<NetworkDecision> network,
                              List<String> notes) {
    public ExecutionOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
        files = List.copyOf(files);
        network = List.copyOf(network);
        notes = List.copyOf(notes);
    }

    /** Output with only stdout, stderr and duration; nothing collected. */
    public static ExecutionOutput of(String stdout, String stderr, Duration duration) {
        return new ExecutionOutput(stdout, stderr, false, false, duration, List.of(), List.of(), List.of());
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
     * A copy with every secret form masked wherever a program can put text: stdout, stderr, the host names
     * and reasons of network decisions (a secret can be smuggled out as a host name), collected file paths
     * and notes.
     */
    public ExecutionOutput redact(Redactor redactor) {
        if (redactor.isEmpty()) {
            return this;
        }
        List<NetworkDecision> net = network.stream().map(d -> new NetworkDecision(d.time(), redactor.redact(d.host()),
                d.port(), d.allowed(), redactor.redact(d.reason()))).collect(Collectors.toList());
        List<OutputFile> outFiles = files.stream().map(f -> redactor.containsSecret(f.path())
                ? new OutputFile(redactor.redact(f.path()), f.content()) : f).collect(Collectors.toList());
        List<String> outNotes = notes.stream().map(redactor::redact).collect(Collectors.toList());
        return new ExecutionOutput(redactor.redact(stdout), redactor.redact(stderr), stdoutTruncated, stderrTruncated,
                duration, outFiles, net, outNotes);
    }

    private static String tail(String s, int maxChars) {
        return s.length() <= maxChars ? s : s.substring(s.length() - maxChars);
    }
}
