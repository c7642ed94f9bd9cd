package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SecretProvider} must have. Extend it and implement {@link #provider(Map)} to
 * return a provider holding exactly the given secrets (name to raw value; a JSON object for secrets read by
 * field). Names are letters, digits and '_', valid as environment variables and as Secrets Manager names.
 * Test methods are {@code protected}: an implementation that cannot pass one overrides it, with
 * {@code @Disabled("the reason")}.
 *
 * <pre>{@code
 * class MyProviderTest extends SecretProviderContract {
 *     protected SecretProvider provider(Map<String, String> secrets) { return new MyProvider(fakeServerWith(secrets)); }
 * }
 * }</pre>
 */
@Experimental
public abstract class SecretProviderContract {
    private static final String PLAIN = "sk_test_plain_5b1f0c9e";
    private static final String FIELD_VALUE = "sk_test_field_7a2d4e61";
    private static final String OTHER_FIELD_VALUE = "db-password-3c9b8a";
    private static final Map<String, String> SECRETS = Map.of(
            "CONTRACT_PLAIN",
            PLAIN,
            "CONTRACT_JSON",
            "{\"api_key\":\"" + FIELD_VALUE + "\",\"password\":\"" + OTHER_FIELD_VALUE + "\"}");

    /** A provider holding exactly {@code secrets} (name to raw value), for one test. */
    protected abstract SecretProvider provider(Map<String, String> secrets) throws Exception;

    private SecretProvider provider;

    @BeforeEach
    void createProvider() throws Exception {
        provider = provider(SECRETS);
    }

    /** The exception's message, its causes' messages, its stack trace and its toString, as one text. */
    private static String everythingShown(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out + "\n" + t;
    }

    private static void assertShowsNoValue(String text) {
        assertThat(text).doesNotContain(PLAIN).doesNotContain(FIELD_VALUE).doesNotContain(OTHER_FIELD_VALUE);
    }

    @Test
    protected void resolvesAPlainSecret() {
        assertThat(provider.resolve(SecretRef.of("CONTRACT_PLAIN"))).isEqualTo(PLAIN);
    }

    @Test
    protected void selectsAFieldOfAJsonSecret() {
        assertThat(provider.resolve(SecretRef.of("CONTRACT_JSON", "api_key"))).isEqualTo(FIELD_VALUE);
        assertThat(provider.resolve(SecretRef.of("CONTRACT_JSON", "password"))).isEqualTo(OTHER_FIELD_VALUE);
    }

    @Test
    protected void anUnknownSecretFailsNamingTheSecretAndNoValue() {
        SecretException e =
                catchThrowableOfType(SecretException.class, () -> provider.resolve(SecretRef.of("CONTRACT_MISSING")));

        assertThat(e).as("resolving an unknown secret throws SecretException").isNotNull();
        assertThat(e.getMessage()).contains("CONTRACT_MISSING");
        assertShowsNoValue(everythingShown(e));
    }

    @Test
    protected void aMissingFieldFailsNamingTheSecretAndFieldAndNoValue() {
        SecretException e = catchThrowableOfType(
                SecretException.class, () -> provider.resolve(SecretRef.of("CONTRACT_JSON", "no_such_field")));

        assertThat(e).as("selecting a missing field throws SecretException").isNotNull();
        assertThat(e.getMessage()).contains("CONTRACT_JSON").contains("no_such_field");
        assertShowsNoValue(everythingShown(e));
    }

    @Test
    protected void aFieldOfASecretThatIsNotJsonFailsWithoutShowingTheValue() {
        SecretException e = catchThrowableOfType(
                SecretException.class, () -> provider.resolve(SecretRef.of("CONTRACT_PLAIN", "api_key")));

        assertThat(e)
                .as("selecting a field of a non-JSON secret throws SecretException")
                .isNotNull();
        assertThat(e.getMessage()).contains("CONTRACT_PLAIN");
        assertShowsNoValue(everythingShown(e));
    }

    @Test
    protected void theProviderAndItsRefsNeverShowAValueAfterResolving() {
        provider.resolve(SecretRef.of("CONTRACT_PLAIN"));
        provider.resolve(SecretRef.of("CONTRACT_JSON", "api_key"));

        assertShowsNoValue(provider.toString());
        assertShowsNoValue(SecretRef.of("CONTRACT_JSON", "api_key").toString());
    }

    @Test
    protected void concurrentResolutionFromManyThreadsGivesEveryCallerTheRightValue() throws Exception {
        List<List<String>> results = Concurrently.run(16, n -> () -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                mine.add(provider.resolve(
                        (n + i) % 2 == 0 ? SecretRef.of("CONTRACT_PLAIN") : SecretRef.of("CONTRACT_JSON", "api_key")));
            }
            return mine;
        });

        for (int n = 0; n < results.size(); n++) {
            for (int i = 0; i < results.get(n).size(); i++) {
                assertThat(results.get(n).get(i)).isEqualTo((n + i) % 2 == 0 ? PLAIN : FIELD_VALUE);
            }
        }
    }
}
