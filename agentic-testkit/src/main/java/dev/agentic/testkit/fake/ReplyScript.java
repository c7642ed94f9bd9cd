package dev.agentic.testkit.fake;

import dev.agentic.core.annotation.Internal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The scripted replies and recorded requests of a fake server. Each key (a model id, a model name) has its
 * own script: call N gets reply N, and the last reply answers every call after it. A request whose key has
 * no script is answered by a fallback function. Requests are recorded in order of arrival by {@link
 * #record}; {@link #next} takes the reply without recording, so a server may record requests it then
 * refuses.
 *
 * <p>Thread-safe: scripts and the fallback may change while requests are answered. Holds no resources.
 *
 * @param <Q> the recorded request type
 * @param <R> the reply type
 */
@Internal
public final class ReplyScript<Q, R> {
    private final Function<Q, String> keyOf;
    private final Map<String, Deque<R>> scripts = new HashMap<>();
    private final List<Q> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Q, R> fallback;

    /**
     * A script with no replies yet.
     *
     * @param keyOf the key of a request, the one {@link #script} names
     * @param fallback the answer to requests whose key has no script
     */
    public ReplyScript(Function<Q, String> keyOf, Function<Q, R> fallback) {
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * Replaces the script of {@code key} with {@code replies}.
     *
     * @throws IllegalArgumentException when {@code replies} is empty
     */
    @SafeVarargs
    public final void script(String key, R... replies) {
        Objects.requireNonNull(key, "key");
        if (replies.length == 0) {
            throw new IllegalArgumentException("script(" + key + ") needs at least one reply");
        }
        synchronized (scripts) {
            scripts.put(key, new ArrayDeque<>(List.of(replies)));
        }
    }

    /** Answers requests whose key has no script by {@code answer}. */
    public void otherwise(Function<Q, R> answer) {
        this.fallback = Objects.requireNonNull(answer, "answer");
    }

    /** Adds {@code request} to the recorded requests. */
    public void record(Q request) {
        requests.add(Objects.requireNonNull(request, "request"));
    }

    /** The reply to {@code request}: the next of its key's script, or the fallback's answer. */
    public R next(Q request) {
        synchronized (scripts) {
            Deque<R> script = scripts.get(keyOf.apply(request));
            if (script != null) {
                return script.size() > 1 ? script.poll() : script.peek();
            }
        }
        return fallback.apply(request);
    }

    /** Every recorded request, in order of arrival. */
    public List<Q> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests with key {@code key}, in order of arrival. */
    public List<Q> requests(String key) {
        return requests.stream().filter(r -> keyOf.apply(r).equals(key)).toList();
    }
}
