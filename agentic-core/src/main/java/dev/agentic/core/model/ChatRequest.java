package dev.agentic.core.model;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to a {@link ChatModel}. Immutable and thread-safe; build with {@link #builder()}.
 */
@Stable
public final class ChatRequest {
    private final String system;
    private final List<Message> messages;
    private final List<ToolSpec> tools;
    private final int maxTokens;
    private final Double temperature;
    private final List<String> stopSequences;

    private ChatRequest(Builder b) {
        this.system = b.system;
        this.messages = List.copyOf(b.messages);
        this.tools = List.copyOf(b.tools);
        this.maxTokens = b.maxTokens;
        this.temperature = b.temperature;
        this.stopSequences = List.copyOf(b.stopSequences);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().system(system).maxTokens(maxTokens);
        b.messages.addAll(messages);
        b.tools.addAll(tools);
        b.temperature = temperature;
        b.stopSequences.addAll(stopSequences);
        return b;
    }

    /** The system prompt; empty string when none. */
    public String system() {
        return system;
    }

    public List<Message> messages() {
        return messages;
    }

    public List<ToolSpec> tools() {
        return tools;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    public List<String> stopSequences() {
        return stopSequences;
    }

    /** The text of the last user message, or empty string. Handy in tests and scripted models. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "ChatRequest[" + messages.size() + " messages, " + tools.size() + " tools, maxTokens=" + maxTokens + "]";
    }

    /** Builder for {@link ChatRequest}; not thread-safe. */
    public static final class Builder {
        private String system = "";
        private final List<Message> messages = new ArrayList<>();
        private final List<ToolSpec> tools = new ArrayList<>();
        private int maxTokens = 4096;
        private Double temperature;
        private final List<String> stopSequences = new ArrayList<>();

        private Builder() {}

        public Builder system(String system) {
            this.system = Objects.requireNonNull(system, "system");
            return this;
        }

        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder messages(List<Message> list) {
            list.forEach(this::message);
            return this;
        }

        public Builder user(String text) {
            return message(Message.user(text));
        }

        public Builder tool(ToolSpec tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new ConfigurationException("maxTokens must be positive, was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder temperature(double temperature) {
            if (temperature < 0 || temperature > 2) {
                throw new ConfigurationException("temperature must be within 0..2, was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        public Builder stopSequence(String stop) {
            stopSequences.add(Objects.requireNonNull(stop, "stop"));
            return this;
        }

        public ChatRequest build() {
            if (messages.isEmpty()) {
                throw new ConfigurationException(
                        "a ChatRequest needs at least one message: call user(...) or message(...)");
            }
            return new ChatRequest(this);
        }
    }
}
