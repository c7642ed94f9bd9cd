package dev.agentic.testkit.aws;

import dev.agentic.core.annotation.Experimental;
import java.time.Duration;
import java.util.Objects;

/**
 * A fault {@link FakeAgentCoreServer} injects into the next matching call(s): throttling or a server error
 * as an HTTP answer, a modeled exception inside the event stream, a slow run, or the session expiring just
 * before the call. Immutable; build with the static factories and {@link #times(int)}.
 *
 * <pre>{@code
 * agentCore.inject(AgentCoreFault.throttling(AgentCoreFault.Operation.INVOKE));
 * agentCore.inject(AgentCoreFault.expireSession().times(2));
 * }</pre>
 */
@Experimental
public final class AgentCoreFault {
    /** The code-interpreter operations a fault can target. */
    public enum Operation {
        START,
        GET,
        STOP,
        LIST,
        INVOKE
    }

    /** What the fault does. */
    public enum Kind {
        /** HTTP 429 {@code ThrottlingException}. */
        THROTTLING,
        /** HTTP 500 {@code InternalServerException}. */
        SERVER_ERROR,
        /** HTTP 200, then a modeled exception frame in the event stream instead of a result. */
        IN_STREAM_EXCEPTION,
        /** The call waits before it runs (only for {@link Operation#INVOKE}). */
        SLOW,
        /** The session the call names has expired just before it (only for {@link Operation#INVOKE}). */
        EXPIRE_SESSION
    }

    private final Operation operation;
    private final Kind kind;
    private final String member;
    private final Duration delay;
    private final int times;

    private AgentCoreFault(Operation operation, Kind kind, String member, Duration delay, int times) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.kind = kind;
        this.member = member;
        this.delay = delay;
        this.times = times;
    }

    /** The next call of {@code operation} is answered with HTTP 429 {@code ThrottlingException}. */
    public static AgentCoreFault throttling(Operation operation) {
        return new AgentCoreFault(operation, Kind.THROTTLING, "ThrottlingException", Duration.ZERO, 1);
    }

    /** The next call of {@code operation} is answered with HTTP 500 {@code InternalServerException}. */
    public static AgentCoreFault serverError(Operation operation) {
        return new AgentCoreFault(operation, Kind.SERVER_ERROR, "InternalServerException", Duration.ZERO, 1);
    }

    /**
     * The next tool call answers 200 and then sends the modeled exception {@code member} in the stream, for
     * example {@code internalServerException}, {@code throttlingException} or {@code validationException}.
     */
    public static AgentCoreFault inStream(String member) {
        Objects.requireNonNull(member, "member");
        return new AgentCoreFault(Operation.INVOKE, Kind.IN_STREAM_EXCEPTION, member, Duration.ZERO, 1);
    }

    /** The next tool call waits {@code delay} before it runs. */
    public static AgentCoreFault slow(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive, was " + delay);
        }
        return new AgentCoreFault(Operation.INVOKE, Kind.SLOW, null, delay, 1);
    }

    /**
     * The session named by the next tool call expires just before it: the call fails with HTTP 404
     * {@code ResourceNotFoundException}, as every later call to that session does.
     */
    public static AgentCoreFault expireSession() {
        return new AgentCoreFault(Operation.INVOKE, Kind.EXPIRE_SESSION, null, Duration.ZERO, 1);
    }

    /** The same fault for the next {@code times} matching calls (default 1). */
    public AgentCoreFault times(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        return new AgentCoreFault(operation, kind, member, delay, times);
    }

    public Operation operation() {
        return operation;
    }

    public Kind kind() {
        return kind;
    }

    /** The error code or exception member sent; empty string for {@link Kind#SLOW} and expiry. */
    public String member() {
        return member == null ? "" : member;
    }

    public Duration delay() {
        return delay;
    }

    public int times() {
        return times;
    }

    @Override
    public String toString() {
        return "AgentCoreFault[" + operation + " " + kind + (member == null ? "" : " " + member)
                + (delay.isZero() ? "" : " " + delay) + " x" + times + "]";
    }
}
