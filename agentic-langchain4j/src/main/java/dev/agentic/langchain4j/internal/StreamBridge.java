package dev.agentic.langchain4j.internal;

import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.secret.Redactor;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs one streaming call of a LangChain4j model and reports it to our listener <em>on the calling thread</em>:
 * LangChain4j calls its handler on its HTTP client's threads, so the handler only queues events and the caller
 * drains the queue. Text deltas go to {@link StreamListener#onText} as they arrive; tool calls are reported from
 * the final response (so the listener sees exactly the calls the response holds), then {@code onComplete}.
 */
public final class StreamBridge {
    private sealed interface Event permits Delta, Done, Failed {}

    private record Delta(String text) implements Event {}

    private record Done(dev.langchain4j.model.chat.response.ChatResponse response) implements Event {}

    private record Failed(Throwable error) implements Event {}

    private StreamBridge() {}

    /**
     * Streams {@code request} through {@code model}, blocking until it completes.
     *
     * @throws ModelException when the call fails, mapped by {@link ErrorKinds}
     */
    public static ChatResponse stream(
            StreamingChatModel model, ChatRequest request, StreamListener listener, String modelId) {
        return stream(model, request, listener, modelId, Redactor.none());
    }

    /**
     * As {@link #stream(StreamingChatModel, ChatRequest, StreamListener, String)}, with the values of {@code
     * redactor} masked in the messages of the errors it throws.
     */
    public static ChatResponse stream(
            StreamingChatModel model, ChatRequest request, StreamListener listener, String modelId, Redactor redactor) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try {
            model.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (partial != null && !partial.isEmpty()) {
                        events.add(new Delta(partial));
                    }
                }

                @Override
                public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
                    events.add(new Done(response));
                }

                @Override
                public void onError(Throwable error) {
                    events.add(new Failed(error));
                }
            });
        } catch (RuntimeException e) {
            throw ErrorKinds.map(e, modelId, redactor);
        }
        String pendingHigh = "";
        try {
            while (true) {
                Event event = events.take();
                if (event instanceof Delta d) {
                    // Never hand out half a surrogate pair: keep a trailing high surrogate for the next delta.
                    String text = pendingHigh + d.text();
                    pendingHigh = "";
                    if (Character.isHighSurrogate(text.charAt(text.length() - 1))) {
                        pendingHigh = text.substring(text.length() - 1);
                        text = text.substring(0, text.length() - 1);
                    }
                    if (!text.isEmpty()) {
                        listener.onText(text);
                    }
                } else if (event instanceof Failed f) {
                    throw ErrorKinds.map(f.error(), modelId, redactor);
                } else {
                    if (!pendingHigh.isEmpty()) {
                        listener.onText(pendingHigh);
                    }
                    ChatResponse response = Conversions.fromLangChain4j(((Done) event).response(), modelId);
                    response.toolUses().forEach(listener::onToolUse);
                    listener.onComplete(response);
                    return response;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(
                    ModelException.Kind.UNKNOWN, modelId, "interrupted while the answer was streaming", e);
        }
    }
}
