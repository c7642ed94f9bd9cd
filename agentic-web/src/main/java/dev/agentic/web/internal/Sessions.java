package dev.agentic.web.internal;

import dev.agentic.core.Generator;
import dev.agentic.core.annotation.Internal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open tab sessions: created on request up to a cap, found by id, ended on request, when their last
 * WebSocket closes, when idle, or when the server stops. Thread-safe.
 */
@Internal
final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private final AppConfig config;
    private final Generator generator;
    private final Map<String, TabSession> open = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Sessions(AppConfig config, Generator generator) {
        this.config = config;
        this.generator = generator;
    }

    /**
     * Opens a session whose payloads go to the sink {@code sinkFor} gives for its id.
     *
     * @throws Refusal 429 when {@link AppConfig#maxSessions()} are open
     */
    synchronized TabSession open(Function<String, Consumer<String>> sinkFor) {
        if (open.size() >= config.maxSessions()) {
            throw new Refusal(
                    429,
                    "the server has " + config.maxSessions() + " sessions open; close a tab or wait for an idle "
                            + "session to end");
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        TabSession tab = new TabSession(id, config, generator, sinkFor.apply(id));
        open.put(id, tab);
        return tab;
    }

    /**
     * The open session with this id; a request to it counts as activity.
     *
     * @throws Refusal 404 when no open session has this id
     */
    TabSession get(String id) {
        TabSession tab = open.get(id);
        if (tab == null || tab.closed()) {
            throw new Refusal(
                    404,
                    "no open session " + id + "; it ended (tab closed, idle or reset by a restart): "
                            + "reload the page for a new one");
        }
        tab.touch();
        return tab;
    }

    /** Ends the session with this id, if open. */
    void end(String id, String reason) {
        TabSession tab = open.remove(id);
        if (tab != null) {
            LOG.info("session {} ended: {}", id, reason);
            tab.close(reason);
        }
    }

    /** Ends every session idle for longer than the configured timeout. */
    void endIdle() {
        long now = System.nanoTime();
        long limit = config.idleTimeout().toNanos();
        for (TabSession tab : List.copyOf(open.values())) {
            if (!tab.busy() && now - tab.lastActive() > limit) {
                end(tab.id(), "idle for " + config.idleTimeout().toSeconds() + " s");
            }
        }
    }

    int count() {
        return open.size();
    }

    void endAll(String reason) {
        for (String id : new ArrayList<>(open.keySet())) {
            end(id, reason);
        }
    }
}
