package dev.agentic.bedrock.internal.agentcore;

import dev.agentic.core.sandbox.SandboxException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkInterruptedException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.bedrockagentcore.BedrockAgentCoreAsyncClient;
import software.amazon.awssdk.services.bedrockagentcore.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockagentcore.model.CodeInterpreterResult;
import software.amazon.awssdk.services.bedrockagentcore.model.CodeInterpreterSessionStatus;
import software.amazon.awssdk.services.bedrockagentcore.model.InvokeCodeInterpreterResponseHandler;
import software.amazon.awssdk.services.bedrockagentcore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockagentcore.model.ToolArguments;
import software.amazon.awssdk.services.bedrockagentcore.model.ToolName;

/**
 * The code-interpreter operations on one async client, with client-side timeouts and errors mapped to
 * {@link SandboxException}s whose messages name the operation, never request content. Thread-safe.
 */
public final class InterpreterCalls {
    /** How long a session start or stop may take before the call is given up. */
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(60);

    private final BedrockAgentCoreAsyncClient client;
    private final String identifier;

    public InterpreterCalls(BedrockAgentCoreAsyncClient client, String identifier) {
        this.client = client;
        this.identifier = identifier;
    }

    public String identifier() {
        return identifier;
    }

    /** Starts a session and returns its id. */
    public String start(Duration sessionTimeout) {
        String name = "agentic-" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<String> f = client.startCodeInterpreterSession(
                        b -> b.codeInterpreterIdentifier(identifier).name(name).sessionTimeoutSeconds((int)
                                sessionTimeout.toSeconds()))
                .thenApply(r -> r.sessionId());
        try {
            return f.get(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // the service may have started the session already: wait for its id and stop it, so nothing leaks
            try {
                String started = f.get(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                stop(started);
            } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException ignored) {
                f.thenAcceptAsync(this::stop);
            }
            Thread.currentThread().interrupt();
            throw new SandboxException(
                    "Interrupted during StartCodeInterpreterSession; a session it started was " + "stopped.");
        } catch (TimeoutException e) {
            f.thenAcceptAsync(this::stop); // stop it whenever the answer comes
            throw new SandboxException(
                    "StartCodeInterpreterSession did not answer within " + CONTROL_TIMEOUT.toSeconds() + " s; check "
                            + "the endpoint and the network, then retry.",
                    null,
                    true);
        } catch (ExecutionException | CancellationException e) {
            throw failure("StartCodeInterpreterSession", "bedrock-agentcore:StartCodeInterpreterSession", e);
        }
    }

    /**
     * Asks the service whether {@code sessionId} is still there (GetCodeInterpreterSession): false when it
     * answers that the session is terminated or unknown; true when it is ready, and also when the question
     * gets no clear answer (throttling, a server error, no answer in time), since the next call finds out and
     * replaces the session anyway. An interrupt is kept for the caller.
     */
    public boolean isReady(String sessionId) {
        try {
            CodeInterpreterSessionStatus status = client.getCodeInterpreterSession(
                            b -> b.codeInterpreterIdentifier(identifier).sessionId(sessionId))
                    .get(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .status();
            return status != CodeInterpreterSessionStatus.TERMINATED;
        } catch (ExecutionException e) {
            return !(e.getCause() instanceof ResourceNotFoundException);
        } catch (TimeoutException | RuntimeException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Stops {@code sessionId}, best-effort: errors are swallowed (a session that is gone needs no stop), and an
     * interrupt of the calling thread is put off until the stop has been sent and answered.
     *
     * @return whether the service confirmed the stop
     */
    public boolean stop(String sessionId) {
        boolean interrupted = Thread.interrupted();
        try {
            client.stopCodeInterpreterSession(
                            b -> b.codeInterpreterIdentifier(identifier).sessionId(sessionId))
                    .get(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return e.getCause() instanceof ResourceNotFoundException;
        } catch (TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            interrupted = true;
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Calls {@code tool} in {@code sessionId} and waits at most {@code timeout} for its result; when the time
     * runs out the call is cancelled and the outcome has no result (the caller stops the session).
     *
     * @throws SessionGoneException when the service no longer knows the session
     * @throws SandboxException for other failures, retryable for throttling, 5xx and connection errors
     */
    public ToolOutcome invoke(String sessionId, ToolName tool, ToolArguments arguments, Duration timeout) {
        AtomicReference<CodeInterpreterResult> last = new AtomicReference<>();
        InvokeCodeInterpreterResponseHandler handler = InvokeCodeInterpreterResponseHandler.builder()
                .subscriber(InvokeCodeInterpreterResponseHandler.Visitor.builder()
                        .onResult(last::set)
                        .build())
                .build();
        long start = System.nanoTime();
        CompletableFuture<Void> f = client.invokeCodeInterpreter(
                b -> b.codeInterpreterIdentifier(identifier)
                        .sessionId(sessionId)
                        .name(tool)
                        .arguments(arguments),
                handler);
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new ToolOutcome(Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new SandboxException(
                    "Interrupted while the code interpreter ran " + tool + "; the run was abandoned.");
        } catch (ExecutionException | CancellationException e) {
            throw failure("InvokeCodeInterpreter (" + tool + ")", "bedrock-agentcore:InvokeCodeInterpreter", e);
        }
        CodeInterpreterResult result = last.get();
        if (result == null) {
            throw new SandboxException(
                    "The code interpreter answered " + tool + " in session " + sessionId
                            + " without a result event; the stream ended early. Retry the run.",
                    null,
                    true);
        }
        return new ToolOutcome(Optional.of(result), Duration.ofNanos(System.nanoTime() - start));
    }

    private SandboxException failure(String operation, String permission, Exception wrapper) {
        Throwable t = wrapper.getCause() != null ? wrapper.getCause() : wrapper;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SdkInterruptedException || c instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new SandboxException("Interrupted during " + operation + "; the call was abandoned.");
            }
        }
        if (t instanceof ResourceNotFoundException) {
            return new SessionGoneException(
                    operation + " on code interpreter " + identifier + ": the session was not found or has ended ("
                            + serviceMessage(t) + ")",
                    t);
        }
        if (t instanceof AccessDeniedException) {
            return new SandboxException(operation + " was denied on code interpreter " + identifier
                    + ": grant the caller's IAM identity " + permission + " on it (see the README's IAM policy).");
        }
        if (t instanceof SdkServiceException s) {
            boolean retryable = s.isThrottlingException() || s.statusCode() >= 500 || s.statusCode() == 402;
            return new SandboxException(
                    operation + " on code interpreter " + identifier + " failed with status " + s.statusCode() + " ("
                            + serviceMessage(t) + ")" + (retryable ? "; retry later." : "."),
                    t,
                    retryable);
        }
        if (t instanceof SdkClientException) {
            return new SandboxException(
                    operation + " could not reach the code interpreter (" + describe(t) + "); check the "
                            + "endpoint, region and network, then retry.",
                    t,
                    true);
        }
        if (t instanceof SdkException || t instanceof CancellationException) {
            return new SandboxException(operation + " failed: " + t.getMessage(), t, true);
        }
        return new SandboxException(operation + " failed: " + t, t, false);
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String serviceMessage(Throwable t) {
        if (t instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String m = s.awsErrorDetails().errorMessage();
            return s.awsErrorDetails().errorCode() + (m == null ? "" : ": " + m);
        }
        return String.valueOf(t.getMessage());
    }
}
