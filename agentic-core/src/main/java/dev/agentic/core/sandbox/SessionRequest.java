package dev.agentic.core.sandbox;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One run in a {@link SandboxSession}: the code and, optionally, a wall-time limit for this run alone.
 * Everything else (limits, network, environment, secrets) was fixed when the session was opened with
 * {@link SessionOptions}. Immutable and thread-safe; build with {@link #builder()} or {@link #of(Code)}.
 */
@Experimental
public final class SessionRequest {
    private final Code code;
    private final Duration timeout;

    private SessionRequest(Builder b) {
        this.code = b.code;
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A run of {@code code} under the session's own wall-time limit. */
    public static SessionRequest of(Code code) {
        return builder().code(code).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder().code(code);
        b.timeout = timeout;
        return b;
    }

    /** The code to run; its language must be the session's. */
    public Code code() {
        return code;
    }

    /**
     * The wall-time limit of this run; when absent, the session's {@link ExecutionLimits#wallTime()}. On
     * timeout the run is {@link ExecutionResult.TimedOut} with its output so far.
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionRequest r && code.equals(r.code) && Objects.equals(timeout, r.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, timeout);
    }

    @Override
    public String toString() {
        return "SessionRequest[" + code + (timeout == null ? "" : ", timeout=" + timeout) + "]";
    }

    /** Builder for {@link SessionRequest}; not thread-safe. {@link #code} is required. */
    public static final class Builder {
        private Code code;
        private Duration timeout;

        private Builder() {}

        public Builder code(Code code) {
            this.code = Objects.requireNonNull(code, "code");
            return this;
        }

        /** The wall-time limit of this run (must be positive). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new ConfigurationException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** @throws ConfigurationException when no code was given */
        public SessionRequest build() {
            if (code == null) {
                throw new ConfigurationException(
                        "SessionRequest.code must be set (SessionRequest.of(Code.python(...)))");
            }
            return new SessionRequest(this);
        }
    }
}
