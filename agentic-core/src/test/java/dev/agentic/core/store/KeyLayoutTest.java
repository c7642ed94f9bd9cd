package dev.agentic.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Language;
import dev.agentic.core.Task;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {
    private final Instant t = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void standardLayoutMatchesTheDocumentedShape() {
        Task task = Task.builder().description("Create a Stripe customer named Alice!").integration("stripe")
                .language(Language.JAVA).build();

        assertThat(KeyLayout.standard().codeKey(task, t))
                .isEqualTo("generated/stripe/Create_a_Stripe_customer_named_Alice_20260304_050607.java");
        assertThat(KeyLayout.standard().recordKey(task, false, t))
                .isEqualTo("executions/stripe/failure_20260304_050607.json");
    }

    @Test
    void slugDropsPunctuationAndNonAsciiAndStaysShort() {
        assertThat(KeyLayout.slug("Résumé: fetch   the 'top' 10 users; then email them all about the new pricing plan"))
                .isEqualTo("Resume_fetch_the_top_10_users_then_email_them_all_about_the")
                .hasSizeLessThanOrEqualTo(60);
        assertThat(KeyLayout.slug("!!!")).isEqualTo("task");
        assertThat(ArtifactKeys.check(KeyLayout.standard().codeKey(Task.of("../../etc/passwd"), t)))
                .startsWith("generated/default/etc_passwd_");
    }
}
