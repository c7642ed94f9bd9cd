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
        assertThat(PriceTable.defaults().estimate("acme-llm", new TokenUsage(10, 10))).isEmpty();
    }
}
