package dev.agentic.web.internal;

import dev.agentic.core.Language;
import dev.agentic.core.PriceTable;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.validate.ValidationPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Everything {@code WebApp.Builder} collected; immutable. {@code modelNotice} may be null. */
@Internal
public record AppConfig(
        ChatModel model,
        String modelNotice,
        Sandbox sandbox,
        ArtifactStore store,
        SecretProvider secrets,
        Map<String, SecretRef> secretRefs,
        List<HostPort> allowedHosts,
        String integration,
        Language language,
        ExecutionLimits limits,
        int maxAttempts,
        ValidationPolicy validationPolicy,
        PriceTable prices,
        String host,
        int port,
        String token,
        int maxRunsPerSession,
        int maxRunsTotal,
        int maxSessions,
        Duration idleTimeout,
        int maxTaskChars,
        int maxCodeBytes,
        long maxRequestBytes,
        Consumer<String> warnings) {

    /** The network policy of every run: the allowed hosts, or none. */
    NetworkPolicy network() {
        return NetworkPolicy.builder().allowHosts(allowedHosts).build();
    }

    /** Whether the sandbox keeps interpreter state between the runs of a session. */
    boolean statePersists() {
        return sandbox.capabilities().supportsSessions();
    }
}
