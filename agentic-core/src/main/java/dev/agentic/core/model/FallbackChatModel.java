package dev.agentic.core.model;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * A chain of models: each call goes to the first model that is not cooling down; when it fails with a
 * {@linkplain ModelException.Kind#retryable() retryable} kind (throttled, unavailable, timeout, server
 * error) the next model is tried. A failure that another model cannot fix (invalid request, access denied,
 * context too long, …) is rethrown at once.
 *
 * <p>When every model failed in a round, the chain waits an exponential backoff with full jitter
 * ({@code random(0, min(maxBackoff, baseBackoff * 2^(round-1)))}) and starts another round, up to
 * {@code maxRounds}. A model that fails {@code failuresBeforeCooldown} times in a row is skipped for
 * {@code cooldown} (unless every model is cooling down); one success resets its count. The response names
 * the model that answered ({@link ChatResponse#modelId()}). When every round failed, a
 * {@link ModelException} of the last failure's kind lists each model tried and how it failed.
 *
 * <p>Streaming: deltas of a model are forwarded as they come. If a model fails before it streamed
 * anything, the chain falls back as above; if it fails after it streamed part of its answer, the failure is
 * rethrown (the listener would otherwise receive two answers mixed). {@link StreamListener#onComplete} is
 * called exactly once, with the renamed response. Every model tried is reported to
 * {@link StreamListener#onModelCall} with its position in the chain, its latency and, when it failed, the
 * failure's kind (a model that reports its own calls is not reported twice).
 *
 * <p>Thread-safe: the per-model failure counts are shared by all calls. The chain holds no resources;
 * closing the wrapped models is the caller's job.
 *
 * <pre>{@code
 * ChatModel model = FallbackChatModel.builder()
 *     .models(sonnet, novaPremier)
 *     .maxRounds(3)
 *     .baseBackoff(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 */
@Stable
public final class FallbackChatModel implements ChatModel {

    /** Waits between rounds; replaceable so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits for {@code duration}; {@link InterruptedException} ends the call. */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final List<ChatModel> models;
    private final List<Health> health;
    private final String id;
    private final int maxRounds;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final DoubleSupplier jitter;
    private final int failuresBeforeCooldown;
    private final Duration cooldown;
    private final Clock clock;
    private final Sleeper sleeper;

    private FallbackChatModel(Builder b) {
        this.models = List.copyOf(b.models);
        this.health = models.stream().map(m -> new Health()).collect(Collectors.toUnmodifiableList());
        this.id = "fallback(" + models.stream().map(ChatModel::id).collect(Collectors.joining(",")) + ")";
        this.maxRounds = b.maxRounds;
        this.baseBackoff = b.baseBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.failuresBeforeCooldown = b.failuresBeforeCooldown;
        this.cooldown = b.cooldown;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
    }

    /** A chain over {@code models}, in order, with the default backoff and cool-down. */
    public static FallbackChatModel of(ChatModel... models) {
        return builder().models(models).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code fallback(a,b,...)} with the wrapped models' ids. */
    @Override
    public String id() {
        return id;
    }

    /** The wrapped models, in the order they are tried. */
    public List<ChatModel> models() {
        return models;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return run(request, null);
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        ChatResponse response = run(request, listener);
        listener.onComplete(response);
        return response;
    }

    private ChatResponse run(ChatRequest request, StreamListener listener) {
        List<String> tried = new ArrayList<>();
        ModelException last = null;
        for (int round = 1; round <= maxRounds; round++) {
            Instant now = clock.instant();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                if (!health.get(i).coolingDown(now)) {
                    order.add(i);
                }
            }
            if (order.isEmpty()) {
                for (int i = 0; i < models.size(); i++) {
                    order.add(i);
                }
            }
            for (int i : order) {
                ChatModel model = models.get(i);
                ForwardingListener forwarding = listener == null ? null : new ForwardingListener(listener);
                Instant started = clock.instant();
                try {
                    ChatResponse response = forwarding == null ? model.chat(request) : model.chat(request, forwarding);
                    health.get(i).succeeded();
                    if (forwarding != null && !forwarding.reportedCall) {
                        listener.onModelCall(ModelCall.builder()
                                .modelId(model.id())
                                .usage(response.usage())
                                .latency(since(started))
                                .chainPosition(i)
                                .build());
                    }
                    return model instanceof FallbackChatModel ? response : response.withModelId(model.id());
                } catch (ModelException e) {
                    if (forwarding != null && !forwarding.reportedCall) {
                        listener.onModelCall(ModelCall.builder()
                                .modelId(model.id())
                                .failed(e.kind())
                                .latency(since(started))
                                .chainPosition(i)
                                .build());
                    }
                    if (!e.retryable()) {
                        throw e;
                    }
                    health.get(i).failed(clock.instant(), failuresBeforeCooldown, cooldown);
                    if (forwarding != null && forwarding.emitted) {
                        throw new ModelException(
                                e.kind(),
                                model.id(),
                                "failed after it had streamed part of "
                                        + "its answer, so no other model was tried (the listener already received the "
                                        + "partial answer); retry the whole call: " + e.getMessage(),
                                e);
                    }
                    tried.add(model.id() + ": " + e.kind());
                    last = e;
                }
            }
            if (round < maxRounds) {
                Duration wait = backoff(round);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ModelException(
                            last.kind(),
                            id,
                            "interrupted while waiting " + wait.toMillis() + " ms before round " + (round + 1)
                                    + "; tried " + String.join(", ", tried),
                            ie);
                }
            }
        }
        throw new ModelException(
                last.kind(),
                id,
                "every model failed in " + maxRounds + " round(s): " + String.join(", ", tried)
                        + ". Try again later, raise maxRounds, or add another model.",
                last);
    }

    private Duration since(Instant started) {
        Duration d = Duration.between(started, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Full-jitter backoff after {@code round} failed rounds (1-based). */
    Duration backoff(int round) {
        long base = baseBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long ceiling = round - 1 >= 62 ? cap : Math.min(cap, base * (1L << Math.min(round - 1, 30)));
        double fraction = Math.max(0.0, Math.min(1.0, jitter.getAsDouble()));
        return Duration.ofMillis(Math.round(ceiling * fraction));
    }

    /** Consecutive failures and cool-down of one model; shared by concurrent calls. */
    private static final class Health {
        private int consecutiveFailures;
        private Instant coolingUntil = Instant.MIN;

        synchronized boolean coolingDown(Instant now) {
            return now.isBefore(coolingUntil);
        }

        synchronized void succeeded() {
            consecutiveFailures = 0;
            coolingUntil = Instant.MIN;
        }

        synchronized void failed(Instant now, int threshold, Duration cooldown) {
            consecutiveFailures++;
            if (consecutiveFailures >= threshold) {
                coolingUntil = now.plus(cooldown);
                consecutiveFailures = 0;
            }
        }
    }

    /** Forwards deltas, remembers whether any were sent, and holds back onComplete for the chain. */
    private static final class ForwardingListener implements StreamListener {
        private final StreamListener target;
        private boolean emitted;
        private boolean reportedCall;

        ForwardingListener(StreamListener target) {
            this.target = target;
        }

        @Override
        public void onText(String delta) {
            emitted = true;
            target.onText(delta);
        }

        @Override
        public void onToolUse(ContentBlock.ToolUse toolUse) {
            emitted = true;
            target.onToolUse(toolUse);
        }

        @Override
        public void onModelCall(ModelCall call) {
            reportedCall = true;
            target.onModelCall(call);
        }

        @Override
        public void onComplete(ChatResponse response) {
            // the chain reports the renamed response once, after the call returns
        }
    }

    /**
     * Builder for {@link FallbackChatModel}; not thread-safe. Defaults: 3 rounds, backoff 500 ms doubling up
     * to 20 s with full jitter, cool-down of 60 s after 3 consecutive failures, system clock, real sleep.
     */
    public static final class Builder {
        private final List<ChatModel> models = new ArrayList<>();
        private int maxRounds = 3;
        private Duration baseBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(20);
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private int failuresBeforeCooldown = 3;
        private Duration cooldown = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        /** Adds a model at the end of the chain. */
        public Builder model(ChatModel model) {
            models.add(Objects.requireNonNull(model, "model"));
            return this;
        }

        public Builder models(ChatModel... list) {
            Arrays.asList(list).forEach(this::model);
            return this;
        }

        public Builder models(List<? extends ChatModel> list) {
            list.forEach(this::model);
            return this;
        }

        /** How many times the whole chain is tried; 1 means no backoff at all. */
        public Builder maxRounds(int maxRounds) {
            if (maxRounds < 1) {
                throw new ConfigurationException("FallbackChatModel.maxRounds must be 1 or more, was " + maxRounds);
            }
            this.maxRounds = maxRounds;
            return this;
        }

        /** The backoff ceiling after the first failed round; doubled after each further round. */
        public Builder baseBackoff(Duration baseBackoff) {
            this.baseBackoff = nonNegative(baseBackoff, "baseBackoff");
            return this;
        }

        /** The largest backoff ceiling. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * The source of the jitter fraction in {@code [0, 1]}: the wait is the ceiling times this fraction
         * (full jitter). Default: uniform random. {@code () -> 1.0} turns jitter off.
         */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Consecutive retryable failures after which a model is cooled down. */
        public Builder failuresBeforeCooldown(int failures) {
            if (failures < 1) {
                throw new ConfigurationException(
                        "FallbackChatModel.failuresBeforeCooldown must be 1 or more, was " + failures);
            }
            this.failuresBeforeCooldown = failures;
            return this;
        }

        /** How long a cooled-down model is skipped. */
        public Builder cooldown(Duration cooldown) {
            this.cooldown = nonNegative(cooldown, "cooldown");
            return this;
        }

        /** The clock that times cool-downs; inject a fixed or manual clock in tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the chain waits between rounds; inject a recording sleeper in tests. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public FallbackChatModel build() {
            if (models.isEmpty()) {
                throw new ConfigurationException("FallbackChatModel needs at least one model: call model(...) "
                        + "or use FallbackChatModel.of(a, b).");
            }
            if (maxBackoff.compareTo(baseBackoff) < 0) {
                throw new ConfigurationException("FallbackChatModel.maxBackoff (" + maxBackoff
                        + ") must not be shorter than baseBackoff (" + baseBackoff + ").");
            }
            return new FallbackChatModel(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new ConfigurationException("FallbackChatModel." + name + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
