package dev.agentic.bedrock.internal;

import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.ModelException.Kind;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/**
 * Assembles one ConverseStream call: the SDK's threads feed events in, the calling thread reports them to the
 * {@link StreamListener} in order and gets the final response.
 *
 * <p>The SDK retries a whole stream after a retryable in-stream exception (a throttle), delivering the events
 * of each attempt again. Every attempt starts from scratch here, and only text beyond what the listener already
 * received is reported; should a retried attempt write different text than was already reported, the call
 * fails rather than hand the listener two answers mixed. A stream that ends without {@code messageStop} was
 * cut short and fails as a {@link Kind#SERVER_ERROR}. One instance per call.
 */
public final class StreamAssembler {
    private static final Object END = new Object();

    private final String modelId;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final StringBuilder reported = new StringBuilder();
    private String heldSurrogate = "";
    private int toolUsesReported;
    private boolean diverged;

    private Map<Integer, Block> blocks = new TreeMap<>();
    private StringBuilder attemptText = new StringBuilder();
    private int attemptToolUses;
    private String stopReason;
    private TokenUsage usage = TokenUsage.ZERO;
    private Throwable failure;

    public StreamAssembler(String modelId) {
        this.modelId = modelId;
    }

    /** The handler to pass to {@code converseStream}. */
    public ConverseStreamResponseHandler handler() {
        return ConverseStreamResponseHandler.builder()
                .onResponse(r -> newAttempt())
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockStart(this::start)
                        .onContentBlockDelta(this::delta)
                        .onContentBlockStop(this::stop)
                        .onMessageStop(this::messageStop)
                        .onMetadata(this::metadata)
                        .build())
                .build();
    }

    /**
     * Reports the stream to {@code listener} on the calling thread until {@code call} ends, and returns the
     * answer.
     *
     * @throws ModelException when the call failed, was cut short, or was interrupted
     */
    public ChatResponse await(CompletableFuture<Void> call, StreamListener listener) {
        call.whenComplete((ok, error) -> finish(error));
        try {
            for (Object item = queue.take(); item != END; item = queue.take()) {
                if (item instanceof String text) {
                    listener.onText(text);
                } else {
                    listener.onToolUse((ContentBlock.ToolUse) item);
                }
            }
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException(Kind.UNKNOWN, modelId, "interrupted while the answer was streaming", e);
        }
        ChatResponse response = result();
        listener.onComplete(response);
        return response;
    }

    private synchronized ChatResponse result() {
        if (failure != null) {
            throw BedrockErrors.map(failure, modelId);
        }
        if (stopReason == null) {
            throw new ModelException(
                    Kind.SERVER_ERROR,
                    modelId,
                    "the ConverseStream answer ended without messageStop after " + attemptText.length()
                            + " characters: it was cut short, so it is not returned as a short answer. Try again.");
        }
        if (diverged) {
            throw new ModelException(
                    Kind.SERVER_ERROR,
                    modelId,
                    "the stream was retried after an in-stream error and the retry wrote different text than was "
                            + "already streamed; retry the whole call");
        }
        List<ContentBlock> content = new ArrayList<>();
        blocks.values().forEach(b -> content.add(b.toContent()));
        return ConverseAnswers.response(content, ConverseAnswers.stopReason(stopReason), usage, modelId);
    }

    private synchronized void newAttempt() {
        blocks = new TreeMap<>();
        attemptText = new StringBuilder();
        attemptToolUses = 0;
        stopReason = null;
        usage = TokenUsage.ZERO;
    }

    private synchronized void start(ContentBlockStartEvent e) {
        if (e.start() != null && e.start().toolUse() != null) {
            blocks.put(
                    e.contentBlockIndex(),
                    new Block(
                            e.start().toolUse().toolUseId(), e.start().toolUse().name()));
        }
    }

    private synchronized void delta(ContentBlockDeltaEvent e) {
        if (e.delta() == null) {
            return;
        }
        Block block = blocks.computeIfAbsent(e.contentBlockIndex(), i -> new Block(null, null));
        if (e.delta().text() != null) {
            block.text.append(e.delta().text());
            text(e.delta().text());
        } else if (e.delta().toolUse() != null && e.delta().toolUse().input() != null) {
            block.text.append(e.delta().toolUse().input());
        }
    }

    private void text(String delta) {
        int start = attemptText.length();
        attemptText.append(delta);
        int overlap = Math.min(reported.length(), attemptText.length()) - start;
        if (overlap > 0 && !reported.substring(start, start + overlap).equals(delta.substring(0, overlap))) {
            diverged = true;
        }
        if (diverged || attemptText.length() <= reported.length()) {
            return;
        }
        String fresh = attemptText.substring(Math.max(start, reported.length()));
        reported.append(fresh);
        String out = heldSurrogate + fresh;
        heldSurrogate = "";
        if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            heldSurrogate = out.substring(out.length() - 1);
            out = out.substring(0, out.length() - 1);
        }
        if (!out.isEmpty()) {
            queue.add(out);
        }
    }

    private synchronized void stop(ContentBlockStopEvent e) {
        Block block = blocks.get(e.contentBlockIndex());
        if (block != null && block.toolUseId != null) {
            attemptToolUses++;
            if (attemptToolUses > toolUsesReported) {
                toolUsesReported++;
                queue.add(block.toContent());
            }
        }
    }

    private synchronized void messageStop(MessageStopEvent e) {
        stopReason = e.stopReasonAsString() == null ? "" : e.stopReasonAsString();
    }

    private synchronized void metadata(ConverseStreamMetadataEvent e) {
        var u = e.usage();
        if (u != null) {
            usage = ConverseAnswers.usage(
                    u.inputTokens(), u.outputTokens(), u.cacheReadInputTokens(), u.cacheWriteInputTokens());
        }
    }

    private synchronized void finish(Throwable error) {
        failure = error;
        if (!heldSurrogate.isEmpty()) {
            queue.add(heldSurrogate);
            heldSurrogate = "";
        }
        queue.add(END);
    }

    /** One content block being assembled: text, or a tool call whose input arrives as JSON text. */
    private static final class Block {
        final String toolUseId;
        final String name;
        final StringBuilder text = new StringBuilder();

        Block(String toolUseId, String name) {
            this.toolUseId = toolUseId;
            this.name = name;
        }

        ContentBlock toContent() {
            if (toolUseId == null) {
                return new ContentBlock.Text(text.toString());
            }
            return new ContentBlock.ToolUse(toolUseId, name, text.length() == 0 ? "{}" : text.toString());
        }
    }
}
