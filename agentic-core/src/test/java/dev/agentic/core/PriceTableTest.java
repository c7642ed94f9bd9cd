package dev.agentic.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.model.TokenUsage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    @Test
    void regionPrefixedBedrockIdMatchesTheLongestContainedEntry() {
        BigDecimal cost = PriceTable.defaults()
                .estimate("us.anthropic.claude-3-7-sonnet-20250219-v1:0", new TokenUsage(1_000_000, 100_000))
                .orElseThrow();

        assertThat(cost).isEqualByComparingTo("4.50");
    }

    @Test
    void unknownModelHasNoEstimate() {
        assertThat(PriceTable.defaults().estimate("acme-llm", new TokenUsage(10, 10)))
                .isEmpty();
    }

    @Test
    void promptCacheTokensUseTheirOwnPricesOrTheInputPrice() {
        PriceTable prices = PriceTable.builder()
                .price(
                        "cached",
                        new PriceTable.ModelPrice(
                                new BigDecimal("3"),
                                new BigDecimal("15"),
                                new BigDecimal("0.30"),
                                new BigDecimal("3.75")))
                .price("plain", "3", "15")
                .build();
        TokenUsage usage = new TokenUsage(0, 0, 1_000_000, 1_000_000);

        assertThat(prices.estimate("cached", usage).orElseThrow()).isEqualByComparingTo("4.05");
        assertThat(prices.estimate("plain", usage).orElseThrow()).isEqualByComparingTo("6");
        assertThat(usage.totalTokens()).isEqualTo(2_000_000);
    }
}
