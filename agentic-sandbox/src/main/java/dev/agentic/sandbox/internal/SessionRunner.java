package dev.agentic.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.secret.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run in a session: sends the code, collects the run's stdout and stderr from {@code O}/{@code E} frames
 * (capped), enforces the run's wall clock (interrupt, then after {@link LocalSession#INTERRUPT_GRACE_MILLIS}
 * the whole sandbox is killed), and maps the driver's {@code D} (done) or {@code Z} (interpreter ended) or the
 * end of the channel to a result. Used once, by the thread holding the session's lock.
 */
final class SessionRunner {
    private final SessionProcess process;
    private final Language language;
    private final ExecutionLimits limits;
    private final Redactor redactor;
    private final int number;
    private final Capture out;
    private final Capture err;
    private int decisionsBefore;
    private final AtomicBoolean killedByMeter = new AtomicBoolean();
    private RunMeter meter;

    SessionRunner(SessionProcess process, Language language, ExecutionLimits limits, Redactor redactor, int number) {
        this.process = process;
        this.language = language;
        this.limits = limits;
        this.redactor = redactor;
        this.number = number;
        this.out = new Capture(limits.maxOutputBytes());
        this.err = new Capture(limits.maxOutputBytes());
    }

    /** A stream's bytes up to the cap. */
    private static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final long cap;
        boolean truncated;

        Capture(long cap) {
            this.cap = cap;
        }

        /** Keeps what fits; false when the cap was passed. */
        boolean add(byte[] b) {
            long room = cap - bytes.size();
            if (room > 0) {
                bytes.write(b, 0, (int) Math.min(room, b.length));
            }
            if (b.length > room) {
                truncated = true;
            }
            return !truncated;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code request}; {@code lost} is called (with the reason) when the interpreter is gone, before the
     * result is returned.
     */
    ExecutionResult run(SessionRequest request, List<String> notes, Consumer<String> lost) throws InterruptedException {
        Duration limit = request.timeout().orElse(limits.wallTime());
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        decisionsBefore = process.launch().egress().decisions().size();
        notes.addAll(process.launchNotes());
        notes.add("cpu: per run, the CPU time of all the session's processes from the start of the run is "
                + "measured by this JVM and the session's sandbox is killed at "
                + limits.cpuTime().toMillis()
                + " ms; also the interpreter's soft RLIMIT_CPU is its CPU time so far plus "
                + BwrapCommand.cpuSeconds(limits) + " s"
                + (language == Language.PYTHON
                        ? ""
                        : " plus 1 s, a backstop set from outside by the session's supervisor")
                + ", under a hard RLIMIT_CPU of "
                + LocalSession.SESSION_CPU.toSeconds() + " s for each process's life; between runs only the hard "
                + "limit applies");
        notes.add(
                language == Language.PYTHON
                        ? "wall time: " + limit.toMillis() + " ms for this run, enforced by this JVM: an interrupt "
                                + "(KeyboardInterrupt), then after " + LocalSession.INTERRUPT_GRACE_MILLIS
                                + " ms the whole "
                                + "session sandbox is killed"
                        : "wall time: " + limit.toMillis() + " ms for this run: synchronous code is stopped by the "
                                + "interpreter's own evaluation timeout, a run waiting on a promise by an interrupt (SIGINT) "
                                + "from this JVM; code that does not return after "
                                + LocalSession.INTERRUPT_GRACE_MILLIS
                                + " ms more (a callback spinning forever) has the whole session sandbox killed");
        meter = process.meter(limits, () -> {
            if (killedByMeter.compareAndSet(false, true)) {
                process.launch().kill();
            }
        });
        try {
            return loop(request, limit, start, deadline, notes, lost);
        } finally {
            if (meter != null) {
                meter.stop();
            }
        }
    }

    private ExecutionResult loop(
            SessionRequest request,
            Duration limit,
            long start,
            long deadline,
            List<String> notes,
            Consumer<String> lost)
            throws InterruptedException {
        DriverChannel ch = process.channel();
        if (!ch.sendJson(
                'R',
                Map.of(
                        "code",
                        request.code().source(),
                        "cpu",
                        BwrapCommand.cpuSeconds(limits),
                        "timeoutMs",
                        limit.toMillis()))) {
            return ended(ch, limit, start, notes, lost, false);
        }
        boolean interrupted = false;
        while (true) {
            DriverChannel.Frame f = ch.next(deadline);
            if (f == null) {
                if (!interrupted) {
                    interrupted = true;
                    ch.send('X', new byte[0]);
                    deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LocalSession.INTERRUPT_GRACE_MILLIS);
                    continue;
                }
                String why = "run " + number + " did not stop within " + LocalSession.INTERRUPT_GRACE_MILLIS
                        + " ms of its interrupt at the wall time";
                lost.accept(why);
                notes.add("state: " + why + "; the session's sandbox was killed, and the next run starts in a "
                        + "fresh interpreter: variables, imports and files of earlier runs are lost");
                return new ExecutionResult.TimedOut(limit, output(start, notes, null));
            }
            switch (f.type()) {
                case 'O', 'E' -> {
                    Capture c = f.type() == 'O' ? out : err;
                    if (!c.add(f.payload())) {
                        String why = "run " + number + " wrote more than " + limits.maxOutputBytes()
                                + " bytes to one stream";
                        lost.accept(why);
                        notes.add("state: " + why + "; the session's sandbox was killed, and the next run starts "
                                + "in a fresh interpreter: variables, imports and files of earlier runs are lost");
                        return new ExecutionResult.Killed(Outcome.SIGKILL, Limit.OUTPUT, output(start, notes, null));
                    }
                }
                case 'S' ->
                    notes.add("discarded " + f.json().path("stray").asLong()
                            + " bytes that background threads or processes of earlier runs wrote between runs");
                case 'D' -> {
                    return done(f.json(), interrupted, limit, start, notes);
                }
                case 'Z' -> {
                    JsonNode z = f.json();
                    int code = z.path("code").asInt();
                    String why = "the interpreter ended during run " + number
                            + (z.path("signal").asInt() > 0
                                    ? " (signal " + z.path("signal").asInt() + ")"
                                    : " (exit status " + code + ")");
                    lost.accept(why);
                    notes.add("state: " + why + "; the next run starts in a fresh interpreter: variables, imports "
                            + "and files of earlier runs are lost");
                    ExecutionOutput o = output(start, notes, null);
                    if (interrupted) {
                        return new ExecutionResult.TimedOut(limit, o);
                    }
                    return map(code, o);
                }
                default -> {
                    if (f.end()) {
                        return ended(ch, limit, start, notes, lost, interrupted);
                    }
                }
            }
        }
    }

    private ExecutionResult done(JsonNode d, boolean interrupted, Duration limit, long start, List<String> notes) {
        String status = d.path("status").asText();
        String value = d.hasNonNull("value") ? d.get("value").asText() : null;
        if (interrupted && status.equals("interrupted")) {
            notes.add("state: run " + number + " was interrupted ("
                    + (language == Language.PYTHON ? "KeyboardInterrupt" : "SIGINT") + ") at its wall time and the "
                    + "interpreter recovered; the session keeps its state");
            return new ExecutionResult.TimedOut(limit, output(start, notes, null));
        }
        if (status.equals("timeout")) {
            notes.add("state: run " + number + " was stopped by the interpreter's evaluation timeout at its wall "
                    + "time and the interpreter recovered; the session keeps its state");
            return new ExecutionResult.TimedOut(limit, output(start, notes, null));
        }
        ExecutionOutput o = output(start, notes, value);
        return switch (status) {
            case "ok" -> new ExecutionResult.Succeeded(o);
            case "exit" -> {
                int code = d.path("code").asInt();
                yield code == 0 ? new ExecutionResult.Succeeded(o) : new ExecutionResult.Failed(code, o);
            }
            // an uncaught exception; memory counts only on a counter's evidence (as for one-shot runs)
            default -> map(1, o);
        };
    }

    /** A result from an exit status, with the limit the meter or the cgroup's counters show. */
    private ExecutionResult map(int exitCode, ExecutionOutput o) {
        boolean byMeter = killedByMeter.get();
        if (meter != null) {
            meter.stop();
        }
        Limit evidence = process.evidence(meter, byMeter);
        String memory = Outcome.runtimeMemoryNote(exitCode, o.stderrTail(2000), evidence);
        if (memory != null) {
            o = o.toBuilder().note(memory).build();
        }
        return Outcome.map(exitCode, byMeter ? Outcome.KilledBy.LIMIT : Outcome.KilledBy.NOBODY, limits, o, evidence);
    }

    /** The sandbox itself ended (killed by a limit, by the program, or by closing the session). */
    private ExecutionResult ended(
            DriverChannel ch,
            Duration limit,
            long start,
            List<String> notes,
            Consumer<String> lost,
            boolean interrupted)
            throws InterruptedException {
        process.launch().process().waitFor(5, TimeUnit.SECONDS);
        int exit = process.exitValue();
        String diag = process.diagnosticsTail(redactor);
        String why = "the session's sandbox ended during run " + number + " (" + ch.endReason()
                + (exit >= 0 ? ", exit status " + exit : "") + (diag.isBlank() ? "" : ": " + diag) + ")";
        lost.accept(why);
        notes.add("state: " + why + "; the next run starts in a fresh interpreter: variables, imports and files "
                + "of earlier runs are lost");
        ExecutionOutput o = output(start, notes, null);
        if (interrupted) {
            return new ExecutionResult.TimedOut(limit, o);
        }
        return map(exit < 0 ? 137 : exit, o);
    }

    /** The egress proxy serves the whole session: only the decisions made during this run. */
    private List<NetworkDecision> decisionsSince() {
        List<NetworkDecision> all = process.launch().egress().decisions();
        return all.size() <= decisionsBefore ? List.of() : List.copyOf(all.subList(decisionsBefore, all.size()));
    }

    private ExecutionOutput output(long start, List<String> notes, String value) {
        ExecutionOutput.Builder b = ExecutionOutput.builder();
        if (value != null) {
            b.value(value);
        }
        return b.stdout(out.text())
                .stderr(err.text())
                .stdoutTruncated(out.truncated)
                .stderrTruncated(err.truncated)
                .duration(Duration.ofNanos(System.nanoTime() - start))
                .network(decisionsSince())
                .notes(notes)
                .build()
                .redact(redactor);
    }
}
