package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-model token prices, for the estimated cost in a {@link WorkflowResult}. Immutable and thread-safe.
 *
 * <p>A model id matches an entry exactly, or else the longest entry it contains, so
 * {@code us.anthropic.claude-3-7-sonnet-20250219-v1:0} matches {@code anthropic.claude-3-7-sonnet}.
 * Prices are US dollars per million tokens. {@link #defaults()} holds published on-demand prices of the
 * Bedrock models the SDK names; check them against your own price list.
 */
@Stable
public final class PriceTable {

    /**
     * Price of one model. Prompt-cache tokens are charged at their own prices; a model whose cache prices
     * are not known has them charged at the input price, which over-estimates rather than under-estimates.
     *
     * @param inputPerMillion USD per million input tokens
     * @param outputPerMillion USD per million output tokens
     * @param cacheReadPerMillion USD per million input tokens read from a prompt cache
     * @param cacheWritePerMillion USD per million input tokens written into a prompt cache
     */
    public record ModelPrice(
            BigDecimal inputPerMillion,
            BigDecimal outputPerMillion,
            BigDecimal cacheReadPerMillion,
            BigDecimal cacheWritePerMillion) {
        public ModelPrice {
            Objects.requireNonNull(inputPerMillion, "inputPerMillion");
            Objects.requireNonNull(outputPerMillion, "outputPerMillion");
            Objects.requireNonNull(cacheReadPerMillion, "cacheReadPerMillion");
            Objects.requireNonNull(cacheWritePerMillion, "cacheWritePerMillion");
            if (inputPerMillion.signum() < 0
                    || outputPerMillion.signum() < 0
                    || cacheReadPerMillion.signum() < 0
                    || cacheWritePerMillion.signum() < 0) {
                throw new ConfigurationException("prices must not be negative");
            }
        }

        /** A price whose cache reads and writes cost as much as input. */
        public ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
            this(inputPerMillion, outputPerMillion, inputPerMillion, inputPerMillion);
        }

        public BigDecimal cost(TokenUsage usage) {
            BigDecimal million = BigDecimal.valueOf(1_000_000);
            return inputPerMillion
                    .multiply(BigDecimal.valueOf(usage.inputTokens()))
                    .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())))
                    .add(cacheReadPerMillion.multiply(BigDecimal.valueOf(usage.cacheReadTokens())))
                    .add(cacheWritePerMillion.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                    .divide(million, 8, RoundingMode.HALF_UP);
        }
    }

    private static final PriceTable DEFAULTS = builder()
            .price("anthropic.claude-3-7-sonnet", "3.00", "15.00")
            .price("anthropic.claude-sonnet-4", "3.00", "15.00")
            .price("anthropic.claude-3-5-haiku", "0.80", "4.00")
            .price("amazon.nova-premier", "2.50", "12.50")
            .price("amazon.nova-pro", "0.80", "3.20")
            .price("amazon.nova-lite", "0.06", "0.24")
            .price("amazon.nova-micro", "0.035", "0.14")
            .price("scripted", "0", "0")
            .build();

    private final Map<String, ModelPrice> prices;

    private PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable defaults() {
        return DEFAULTS;
    }

    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.prices.putAll(prices);
        return b;
    }

    /** The price for {@code modelId}, by exact id or the longest contained entry. */
    public Optional<ModelPrice> priceOf(String modelId) {
        ModelPrice exact = prices.get(modelId);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String key : prices.keySet()) {
            if (modelId.contains(key) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? Optional.empty() : Optional.of(prices.get(best));
    }

    /** Estimated cost of {@code usage} on {@code modelId}; empty when its price is unknown. */
    public Optional<BigDecimal> estimate(String modelId, TokenUsage usage) {
        return priceOf(modelId).map(p -> p.cost(usage));
    }

    /** Builder for {@link PriceTable}; not thread-safe. */
    public static final class Builder {
        private final Map<String, ModelPrice> prices = new LinkedHashMap<>();

        private Builder() {}

        public Builder price(String modelId, ModelPrice price) {
            prices.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(price, "price"));
            return this;
        }

        /** Prices as decimal strings in USD per million tokens, e.g. {@code "3.00"}. */
        public Builder price(String modelId, String inputPerMillion, String outputPerMillion) {
            return price(modelId, new ModelPrice(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion)));
        }

        public PriceTable build() {
            return new PriceTable(prices);
        }
    }
}
