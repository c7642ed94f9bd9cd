package dev.agentic.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {
    private final Instant t = Instant.parse("2026-03-04T05:06:07Z");

    private KeyContext.Builder context(String description) {
        return KeyContext.builder()
                .integration("default")
                .description(description)
                .extension("py")
                .time(t);
    }

    @Test
    void standardLayoutMatchesTheDocumentedShape() {
        KeyContext context = context("Create a Stripe customer named Alice!")
                .integration("stripe")
                .extension("java")
                .build();

        assertThat(KeyLayout.standard().codeKey(context))
                .isEqualTo("generated/stripe/Create_a_Stripe_customer_named_Alice_20260304_050607.java");
        assertThat(KeyLayout.standard().recordKey(context)).isEqualTo("executions/stripe/failure_20260304_050607.json");
        assertThat(KeyLayout.standard()
                        .recordKey(context.toBuilder().succeeded(true).build()))
                .isEqualTo("executions/stripe/success_20260304_050607.json");
    }

    @Test
    void outputFilesAreKeptNextToTheRecordUnderSafeKeysThatNeverLeaveTheirFolder() {
        KeyContext context = context("x").integration("stripe").succeeded(true).build();

        assertThat(KeyLayout.standard().outputKey(context, "out.csv"))
                .isEqualTo("executions/stripe/success_20260304_050607.files/out.csv");
        assertThat(KeyLayout.standard().outputKey(context, "reports/May summary.txt"))
                .isEqualTo("executions/stripe/success_20260304_050607.files/reports/May_summary.txt");
        for (String hostile : new String[] {"../../etc/passwd", ".hidden", "/abs//x", "a\\..\\b", "é€", ""}) {
            String key = KeyLayout.standard().outputKey(context, hostile);
            assertThat(ArtifactKeys.isValid(key)).as(hostile).isTrue();
            assertThat(key).as(hostile).startsWith("executions/stripe/success_20260304_050607.files/");
        }
    }

    @Test
    void slugDropsPunctuationAndNonAsciiAndStaysShort() {
        assertThat(KeyLayout.slug("Résumé: fetch   the 'top' 10 users; then email them all about the new pricing plan"))
                .isEqualTo("Resume_fetch_the_top_10_users_then_email_them_all_about_the")
                .hasSizeLessThanOrEqualTo(60);
        assertThat(KeyLayout.slug("!!!")).isEqualTo("task");
        assertThat(ArtifactKeys.check(
                        KeyLayout.standard().codeKey(context("../../etc/passwd").build())))
                .startsWith("generated/default/etc_passwd_");
    }

    @Test
    void keyContextRejectsAnIntegrationThatIsNotOneKeySegmentAndAnExtensionWithADot() {
        assertThatThrownBy(() -> context("x").integration("a/b").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KeyContext.integration");
        assertThatThrownBy(() -> context("x").extension(".py").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KeyContext.extension");
        assertThatThrownBy(() -> KeyContext.builder()
                        .integration("a")
                        .extension("py")
                        .time(t)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KeyContext.description");
    }
}
