package dev.agentic.fakes;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer in a {@link ScriptedChatModel}'s script: text, tool calls, or both, with an optional stop
 * reason and token usage (estimated from the text when not given). Immutable and thread-safe.
 *
 * <pre>{@code
 * ScriptedAnswer.text("```python\nprint(1)\n```")
 * ScriptedAnswer.toolUse("generate_code", "{\"task\": \"print 1\"}")
 * ScriptedAnswer.text("cut off here").withStopReason(StopReason.MAX_TOKENS)
 * }</pre>
 */
@Stable
public final class ScriptedAnswer {
    private final String text;
    private final List<ContentBlock.ToolUse> toolUses;
    private final StopReason stopReason;
    private final TokenUsage usage;

    private ScriptedAnswer(String text, List<ContentBlock.ToolUse> toolUses, StopReason stopReason, TokenUsage usage) {
        this.text = text;
        this.toolUses = List.copyOf(toolUses);
        this.stopReason = stopReason;
        this.usage = usage;
    }

    /** A text answer that ends its turn. */
    public static ScriptedAnswer text(String text) {
        return new ScriptedAnswer(Objects.requireNonNull(text, "text"), List.of(), null, null);
    }

    /**
     * A call of tool {@code name} with {@code inputJson} as arguments; stop reason {@link StopReason#TOOL_USE}.
     * The call's id is {@code toolu_<name>_<n>}, where n counts this model's tool calls from 1.
     */
    public static ScriptedAnswer toolUse(String name, String inputJson) {
        return new ScriptedAnswer(
                "",
                List.of(new ContentBlock.ToolUse(
                        "", Objects.requireNonNull(name, "name"), Objects.requireNonNull(inputJson, "inputJson"))),
                null,
                null);
    }

    /** A tool call with an explicit id. */
    public static ScriptedAnswer toolUse(String id, String name, String inputJson) {
        return new ScriptedAnswer(
                "", List.of(new ContentBlock.ToolUse(Objects.requireNonNull(id, "id"), name, inputJson)), null, null);
    }

    /** A copy with one more tool call after the existing content (text first, then tool calls). */
    public ScriptedAnswer withToolUse(String name, String inputJson) {
        List<ContentBlock.ToolUse> more = new ArrayList<>(toolUses);
        more.add(new ContentBlock.ToolUse(
                "", Objects.requireNonNull(name, "name"), Objects.requireNonNull(inputJson, "inputJson")));
        return new ScriptedAnswer(text, more, stopReason, usage);
    }

    /** A copy with this stop reason (default: TOOL_USE when there are tool calls, else END_TURN). */
    public ScriptedAnswer withStopReason(StopReason stopReason) {
        return new ScriptedAnswer(text, toolUses, Objects.requireNonNull(stopReason, "stopReason"), usage);
    }

    /** A copy that reports exactly this usage instead of the estimate. */
    public ScriptedAnswer withUsage(TokenUsage usage) {
        return new ScriptedAnswer(text, toolUses, stopReason, Objects.requireNonNull(usage, "usage"));
    }

    /** A copy with exactly these tool calls (used by the model to fill in ids). */
    ScriptedAnswer withToolUses(List<ContentBlock.ToolUse> uses) {
        return new ScriptedAnswer(text, uses, stopReason, usage);
    }

    public String text() {
        return text;
    }

    /** Tool calls as scripted; an empty id is filled in by the model when it answers. */
    public List<ContentBlock.ToolUse> toolUses() {
        return toolUses;
    }

    public StopReason stopReason() {
        return stopReason != null ? stopReason : toolUses.isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
    }

    /** The usage to report, or empty to estimate it. */
    public Optional<TokenUsage> usage() {
        return Optional.ofNullable(usage);
    }

    @Override
    public String toString() {
        return "ScriptedAnswer[" + text.length() + " chars, " + toolUses.size() + " tool calls, " + stopReason() + "]";
    }
}
