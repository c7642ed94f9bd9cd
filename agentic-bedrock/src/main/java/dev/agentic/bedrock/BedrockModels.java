package dev.agentic.bedrock;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.PriceTable;
import dev.agentic.core.PriceTable.ModelPrice;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.FallbackChatModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The Bedrock models the reference systems use, their on-demand prices, and the default fallback chain
 * (Claude 3.7 Sonnet → Nova Premier → Claude 3.5 Sonnet). Ids of the form {@code us.…} are cross-region
 * inference profiles, which these models need for on-demand use in US regions; in other geographies use the
 * matching {@code eu.…}/{@code apac.…} profile. Stateless.
 *
 * <pre>{@code
 * try (BedrockChatModel bedrock = BedrockChatModel.builder().modelId(BedrockModels.CLAUDE_3_7_SONNET)
 *         .region("us-east-1").build()) {
 *     ChatModel model = BedrockModels.defaultFallback(bedrock);
 *     PriceTable prices = BedrockModels.withPrices(PriceTable.defaults());
 * }
 * }</pre>
 */
@Experimental
public final class BedrockModels {
    /** Anthropic Claude 3.7 Sonnet, US inference profile. */
    public static final String CLAUDE_3_7_SONNET = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    /** Amazon Nova Premier, US inference profile. */
    public static final String NOVA_PREMIER = "us.amazon.nova-premier-v1:0";
    /** Anthropic Claude 3.5 Sonnet (June 2024). */
    public static final String CLAUDE_3_5_SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    /** Anthropic Claude Haiku 4.5, US inference profile. */
    public static final String CLAUDE_HAIKU_4_5 = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    /** Anthropic Claude 3 Haiku. */
    public static final String CLAUDE_3_HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

    /** The default chain, in order: Claude 3.7 Sonnet, Nova Premier, Claude 3.5 Sonnet. */
    public static final List<String> DEFAULT_FALLBACK = List.of(CLAUDE_3_7_SONNET, NOVA_PREMIER, CLAUDE_3_5_SONNET);

    private static final PriceTable PRICES = PriceTable.builder()
            .price("anthropic.claude-3-7-sonnet", price("3.00", "15.00", "0.30", "3.75"))
            .price("anthropic.claude-3-5-sonnet", price("3.00", "15.00", "0.30", "3.75"))
            .price("anthropic.claude-haiku-4-5", price("1.00", "5.00", "0.10", "1.25"))
            .price("anthropic.claude-3-haiku", price("0.25", "1.25", "0.03", "0.30"))
            .price("amazon.nova-premier", "2.50", "12.50")
            .build();

    private BedrockModels() {}

    /**
     * Published on-demand prices (USD per million tokens; prompt-cache reads and writes where Bedrock
     * publishes them) of the models above. Check them against your own price list.
     */
    public static PriceTable prices() {
        return PRICES;
    }

    /** {@code base} with the prices of {@link #prices()} added (replacing entries of the same key). */
    public static PriceTable withPrices(PriceTable base) {
        Objects.requireNonNull(base, "base");
        PriceTable.Builder b = base.toBuilder();
        for (String key : List.of(
                "anthropic.claude-3-7-sonnet",
                "anthropic.claude-3-5-sonnet",
                "anthropic.claude-haiku-4-5",
                "anthropic.claude-3-haiku",
                "amazon.nova-premier")) {
            b.price(key, PRICES.priceOf(key).orElseThrow());
        }
        return b.build();
    }

    /**
     * The default chain on the clients of {@code bedrock}: {@link #DEFAULT_FALLBACK} behind a
     * {@link FallbackChatModel} with its default rounds and backoff. The chain holds no clients of its own;
     * closing {@code bedrock} ends it.
     */
    public static FallbackChatModel defaultFallback(BedrockChatModel bedrock) {
        return fallback(bedrock, DEFAULT_FALLBACK);
    }

    /** The models {@code ids}, in order, on the clients of {@code bedrock}, behind a {@link FallbackChatModel}. */
    public static FallbackChatModel fallback(BedrockChatModel bedrock, List<String> ids) {
        Objects.requireNonNull(bedrock, "bedrock");
        if (ids.isEmpty()) {
            throw new ConfigurationException("a Bedrock fallback chain needs at least one model id");
        }
        return FallbackChatModel.builder()
                .models(ids.stream().map(bedrock::withModelId).toList())
                .build();
    }

    private static ModelPrice price(String input, String output, String cacheRead, String cacheWrite) {
        return new ModelPrice(
                new BigDecimal(input), new BigDecimal(output), new BigDecimal(cacheRead), new BigDecimal(cacheWrite));
    }
}
