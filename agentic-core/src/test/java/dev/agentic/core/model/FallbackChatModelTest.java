package dev.agentic.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FallbackChatModelTest {
    private static final ChatRequest REQUEST = ChatRequest.builder().user("hi").build();

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock();

    @ParameterizedTest
    @EnumSource(
            value = ModelException.Kind.class,
            names = {"THROTTLED", "UNAVAILABLE", "TIMEOUT", "SERVER_ERROR"})
    void retryableFailureMovesToTheNextModelAndNamesIt(ModelException.Kind kind) {
        FakeModel a = new FakeModel("a").fail(kind);
        FakeModel b = new FakeModel("b").answer("from b");

        ChatResponse response = chain(a, b).build().chat(REQUEST);

        assertThat(response.text()).isEqualTo("from b");
        assertThat(response.modelId()).isEqualTo("b");
        assertThat(a.calls.get()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = ModelException.Kind.class,
            names = {"INVALID_REQUEST", "ACCESS_DENIED", "CONTEXT_TOO_LONG", "CONTENT_FILTERED", "MODEL_NOT_FOUND"})
    void nonRetryableFailureIsRethrownWithoutTryingOthers(ModelException.Kind kind) {
        FakeModel a = new FakeModel("a").fail(kind);
        FakeModel b = new FakeModel("b").answer("from b");

        assertThatThrownBy(() -> chain(a, b).build().chat(REQUEST)).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.modelId()).isEqualTo("a");
        });
        assertThat(b.calls.get()).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void answeringModelIdReplacesWhatTheModelReported() {
        FakeModel a = new FakeModel("model-a").answer("ok");
        a.reportedId = "something-else";

        assertThat(FallbackChatModel.of(a).chat(REQUEST).modelId()).isEqualTo("model-a");
    }

    @Test
    void whenEveryModelFailsItBacksOffExponentiallyBetweenRounds() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.THROTTLED, 3).answer("late");
        FakeModel b = new FakeModel("b").fail(ModelException.Kind.UNAVAILABLE, 3);

        ChatResponse response = chain(a, b)
                .maxRounds(4)
                .baseBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(10))
                .jitter(() -> 1.0)
                .failuresBeforeCooldown(100)
                .build()
                .chat(REQUEST);

        assertThat(response.modelId()).isEqualTo("a");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void backoffIsCappedAtMaxBackoff() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.THROTTLED, 10);

        assertThatThrownBy(() -> chain(a).maxRounds(6)
                        .baseBackoff(Duration.ofMillis(100))
                        .maxBackoff(Duration.ofMillis(300))
                        .jitter(() -> 1.0)
                        .failuresBeforeCooldown(100)
                        .build()
                        .chat(REQUEST))
                .isInstanceOf(ModelException.class);

        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300));
    }

    @Test
    void backoffIsFullyJitteredBelowTheCeiling() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.THROTTLED, 10);
        double[] fractions = {0.5, 0.25, 0.0};
        AtomicInteger next = new AtomicInteger();

        assertThatThrownBy(() -> chain(a).maxRounds(4)
                        .baseBackoff(Duration.ofMillis(1000))
                        .maxBackoff(Duration.ofSeconds(60))
                        .jitter(() -> fractions[next.getAndIncrement()])
                        .failuresBeforeCooldown(100)
                        .build()
                        .chat(REQUEST))
                .isInstanceOf(ModelException.class);

        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ZERO);
    }

    @Test
    void defaultJitterVariesAndStaysWithinTheCeiling() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.THROTTLED, 100);

        assertThatThrownBy(() -> chain(a).maxRounds(40)
                        .baseBackoff(Duration.ofMillis(1000))
                        .maxBackoff(Duration.ofMillis(1000))
                        .failuresBeforeCooldown(1000)
                        .build()
                        .chat(REQUEST))
                .isInstanceOf(ModelException.class);

        assertThat(sleeps).hasSize(39).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(1000)));
        assertThat(sleeps.stream().distinct().count()).isGreaterThan(5);
    }

    @Test
    void exhaustedChainListsEveryModelTriedAndKeepsTheLastKind() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.THROTTLED, 2);
        FakeModel b = new FakeModel("b").fail(ModelException.Kind.TIMEOUT, 2);

        assertThatThrownBy(() -> chain(a, b)
                        .maxRounds(2)
                        .failuresBeforeCooldown(100)
                        .build()
                        .chat(REQUEST))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
                    assertThat(e.modelId()).isEqualTo("fallback(a,b)");
                    assertThat(e.getMessage()).contains("a: THROTTLED", "b: TIMEOUT", "2 round(s)");
                });
        assertThat(a.calls.get()).isEqualTo(2);
        assertThat(b.calls.get()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void repeatedlyFailingModelIsCooledDownAndComesBackAfterTheCooldown() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.THROTTLED, 2).answer("a is back");
        FakeModel b = new FakeModel("b").answer("b1").answer("b2").answer("b3");
        FallbackChatModel model = chain(a, b)
                .failuresBeforeCooldown(2)
                .cooldown(Duration.ofMinutes(1))
                .build();

        assertThat(model.chat(REQUEST).modelId()).isEqualTo("b");
        assertThat(model.chat(REQUEST).modelId()).isEqualTo("b");
        assertThat(a.calls.get()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(59));
        assertThat(model.chat(REQUEST).text()).isEqualTo("b3");
        assertThat(a.calls.get()).as("a is skipped while cooling down").isEqualTo(2);

        clock.advance(Duration.ofSeconds(2));
        ChatResponse back = model.chat(REQUEST);
        assertThat(back.modelId()).isEqualTo("a");
        assertThat(back.text()).isEqualTo("a is back");
    }

    @Test
    void successResetsTheConsecutiveFailureCount() {
        FakeModel a = new FakeModel("a")
                .fail(ModelException.Kind.THROTTLED)
                .answer("a1")
                .fail(ModelException.Kind.THROTTLED)
                .answer("a2");
        FakeModel b = new FakeModel("b").answer("b1").answer("b2");
        FallbackChatModel model = chain(a, b).failuresBeforeCooldown(2).build();

        model.chat(REQUEST); // a fails once, b answers
        assertThat(model.chat(REQUEST).text()).isEqualTo("a1");
        model.chat(REQUEST); // a fails once again: one in a row, no cool-down
        assertThat(model.chat(REQUEST).text()).isEqualTo("a2");
    }

    @Test
    void whenEveryModelIsCoolingDownTheyAreTriedAnyway() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.THROTTLED).answer("a answers");
        FallbackChatModel model =
                chain(a).failuresBeforeCooldown(1).maxRounds(1).build();

        assertThatThrownBy(() -> model.chat(REQUEST)).isInstanceOf(ModelException.class);
        assertThat(model.chat(REQUEST).text()).isEqualTo("a answers");
    }

    @Test
    void streamingFallsBackWhenTheFailingModelStreamedNothing() {
        FakeModel a = new FakeModel("a").fail(ModelException.Kind.UNAVAILABLE);
        FakeModel b = new FakeModel("b").answer("hello world");
        List<String> deltas = new ArrayList<>();
        List<ChatResponse> completed = new ArrayList<>();

        ChatResponse response = chain(a, b).build().chat(REQUEST, listener(deltas, completed));

        assertThat(String.join("", deltas)).isEqualTo("hello world");
        assertThat(completed)
                .singleElement()
                .satisfies(r -> assertThat(r.modelId()).isEqualTo("b"));
        assertThat(response.modelId()).isEqualTo("b");
    }

    @Test
    void streamingFailureAfterDeltasIsRethrownInsteadOfMixingAnswers() {
        FakeModel a = new FakeModel("a").failMidStream(ModelException.Kind.THROTTLED, "partial ");
        FakeModel b = new FakeModel("b").answer("whole answer");
        List<String> deltas = new ArrayList<>();
        List<ChatResponse> completed = new ArrayList<>();

        assertThatThrownBy(() -> chain(a, b).build().chat(REQUEST, listener(deltas, completed)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.THROTTLED);
                    assertThat(e.getMessage()).contains("streamed part of its answer");
                });
        assertThat(deltas).containsExactly("partial ");
        assertThat(completed).isEmpty();
        assertThat(b.calls.get()).isZero();
    }

    @Test
    void idNamesEveryWrappedModel() {
        assertThat(FallbackChatModel.of(new FakeModel("a"), new FakeModel("b")).id())
                .isEqualTo("fallback(a,b)");
    }

    @Test
    void emptyChainIsAConfigurationError() {
        assertThatThrownBy(() -> FallbackChatModel.builder().build()).hasMessageContaining("at least one model");
    }

    @Test
    void concurrentCallsAllGetAnAnswer() throws Exception {
        ChatModel flaky = new ChatModel() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public String id() {
                return "flaky";
            }

            @Override
            public ChatResponse chat(ChatRequest request) {
                if (n.incrementAndGet() % 2 == 0) {
                    throw new ModelException(ModelException.Kind.THROTTLED, "flaky", "slow down");
                }
                return ChatResponse.ofText("flaky", TokenUsage.ZERO, "flaky");
            }
        };
        ChatModel steady = new FakeModel("steady") {
            @Override
            public ChatResponse chat(ChatRequest request) {
                return ChatResponse.ofText("steady", TokenUsage.ZERO, "steady");
            }
        };
        FallbackChatModel model = chain(flaky, steady).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ChatResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> model.chat(REQUEST)));
            }
            for (Future<ChatResponse> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS).text()).isIn("flaky", "steady");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private FallbackChatModel.Builder chain(ChatModel... models) {
        return FallbackChatModel.builder().models(models).clock(clock).sleeper(sleeps::add);
    }

    private static StreamListener listener(List<String> deltas, List<ChatResponse> completed) {
        return new StreamListener() {
            @Override
            public void onText(String delta) {
                deltas.add(delta);
            }

            @Override
            public void onComplete(ChatResponse response) {
                completed.add(response);
            }
        };
    }

    /** A model that plays a queue of outcomes, one per call. */
    private static class FakeModel implements ChatModel {
        private final String id;
        private final Deque<Object[]> outcomes = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();
        String reportedId;

        FakeModel(String id) {
            this.id = id;
            this.reportedId = id;
        }

        FakeModel answer(String text) {
            outcomes.add(new Object[] {text, null, null});
            return this;
        }

        FakeModel fail(ModelException.Kind kind) {
            return fail(kind, 1);
        }

        FakeModel fail(ModelException.Kind kind, int times) {
            for (int i = 0; i < times; i++) {
                outcomes.add(new Object[] {null, kind, null});
            }
            return this;
        }

        FakeModel failMidStream(ModelException.Kind kind, String partial) {
            outcomes.add(new Object[] {null, kind, partial});
            return this;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public synchronized ChatResponse chat(ChatRequest request) {
            return chat(request, StreamListener.ignoring());
        }

        @Override
        public synchronized ChatResponse chat(ChatRequest request, StreamListener listener) {
            calls.incrementAndGet();
            Object[] outcome = outcomes.poll();
            if (outcome == null) {
                throw new AssertionError(id + " was called more often than scripted");
            }
            if (outcome[2] != null) {
                listener.onText((String) outcome[2]);
            }
            if (outcome[1] != null) {
                throw new ModelException((ModelException.Kind) outcome[1], id, "scripted failure");
            }
            ChatResponse response = ChatResponse.ofText((String) outcome[0], new TokenUsage(1, 1), reportedId);
            listener.onText(response.text());
            listener.onComplete(response);
            return response;
        }
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
