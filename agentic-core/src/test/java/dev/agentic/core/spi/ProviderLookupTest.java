package dev.agentic.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderLookupTest {
    @TempDir
    Path dir;

    /** Creates "SCHEME got ARGUMENT"; records every spec it was offered. */
    static class Echo implements SpecProvider<String> {
        final String scheme;
        final List<String> offered = new CopyOnWriteArrayList<>();

        Echo(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public String usage() {
            return scheme + ":ARG  echoes ARG";
        }

        @Override
        public boolean accepts(String spec) {
            offered.add(spec);
            return ProviderSpecs.hasScheme(spec, scheme);
        }

        @Override
        public String create(String spec, ProviderContext context) {
            return scheme + " got " + ProviderSpecs.argument(spec, scheme);
        }
    }

    /** A service type for the registered test provider (ServiceLoader looks up by interface). */
    public interface TextProvider extends SpecProvider<String> {}

    /** Registered only through the test's own class loader; ServiceLoader instantiates it. */
    public static final class RegisteredText implements TextProvider {
        @Override
        public String usage() {
            return "alpha  the registered test provider";
        }

        @Override
        public boolean accepts(String spec) {
            return ProviderSpecs.hasScheme(spec, "alpha");
        }

        @Override
        public String create(String spec, ProviderContext context) {
            return "alpha";
        }
    }

    @Test
    void theAcceptingProviderCreatesAndTheOthersDecline() {
        Echo alpha = new Echo("alpha");
        Echo beta = new Echo("beta");
        ProviderLookup<String> lookup = ProviderLookup.of("--model", List.of(alpha, beta));

        assertThat(lookup.create("beta:x,y", ProviderContext.defaults())).isEqualTo("beta got x,y");
        assertThat(alpha.offered).containsExactly("beta:x,y");
        assertThat(lookup.find("ALPHA:q")).isSameAs(alpha);
    }

    @Test
    void unknownSpecIsOneErrorListingEveryUsage() {
        ProviderLookup<String> lookup = ProviderLookup.of("--model", List.of(new Echo("alpha"), new Echo("beta")));

        assertThatThrownBy(() -> lookup.create("acme:large", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown --model provider 'acme' in 'acme:large'; available:\n"
                        + "  alpha:ARG  echoes ARG\n  beta:ARG  echoes ARG");
    }

    @Test
    void specWithoutColonIsNamedOnce() {
        ProviderLookup<String> lookup = ProviderLookup.of("--sandbox", List.of(new Echo("local")));

        assertThatThrownBy(() -> lookup.find("docker"))
                .hasMessageStartingWith("Unknown --sandbox provider 'docker'; available:\n  local:ARG");
    }

    @Test
    void emptySpecIsAnErrorListingWhatToWrite() {
        ProviderLookup<String> lookup = ProviderLookup.of("--store", List.of(new Echo("file")));

        assertThatThrownBy(() -> lookup.find(" "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Empty --store spec; available:\n  file:ARG  echoes ARG");
    }

    @Test
    void twoProvidersAcceptingOneSpecIsAnErrorNamingBoth() {
        Echo first = new Echo("local");
        Echo second = new Echo("local") {};
        ProviderLookup<String> lookup = ProviderLookup.of("sandbox", List.of(first, second));

        assertThatThrownBy(() -> lookup.create("local", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'local' is accepted by more than one provider")
                .hasMessageContaining(
                        Echo.class.getName() + ", " + second.getClass().getName())
                .hasMessageContaining("Remove one of them");
    }

    @Test
    void noProvidersSaysToAddAModule() {
        ProviderLookup<String> lookup = ProviderLookup.of("chat model", List.of());

        assertThatThrownBy(() -> lookup.find("scripted:a.md"))
                .hasMessage("Unknown chat model provider 'scripted' in 'scripted:a.md'; no chat model provider is "
                        + "on the classpath; add the module that provides one.");
    }

    @Test
    void namedChangesOnlyTheWordingOfMessages() {
        ProviderLookup<String> lookup = ProviderLookup.of("chat model", List.of(new Echo("alpha")));

        assertThat(lookup.named("--model").usages()).isEqualTo(lookup.usages());
        assertThatThrownBy(() -> lookup.named("--model").find("x:y"))
                .hasMessageStartingWith("Unknown --model provider 'x'");
    }

    @Test
    void serviceLoaderFindsTheProvidersOfTheGivenClassLoaderEachTime() throws IOException {
        ClassLoader plain = new URLClassLoader(new URL[0], getClass().getClassLoader());
        assertThat(ProviderLookup.load("text", TextProvider.class, plain).providers())
                .isEmpty();

        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(
                services.resolve(TextProvider.class.getName()),
                "# a comment\n" + RegisteredText.class.getName() + "\n");
        try (URLClassLoader registering =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            ProviderLookup<String> lookup = ProviderLookup.load("text", TextProvider.class, registering);

            assertThat(lookup.usages()).containsExactly("alpha  the registered test provider");
            assertThat(lookup.create("alpha", ProviderContext.defaults())).isEqualTo("alpha");
        }
    }

    @Test
    void aBrokenServiceEntryIsAConfigurationErrorNamingTheType() throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(TextProvider.class.getName()), "com.example.NoSuchProvider\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> ProviderLookup.load("text", TextProvider.class, loader))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(TextProvider.class.getName())
                    .hasMessageContaining("com.example.NoSuchProvider");
        }
    }

    @Test
    void coreRegistersTheDirectoryStoreAndEnvironmentSecrets() {
        assertThat(ProviderLookup.artifactStores().usages()).anyMatch(u -> u.startsWith("DIR | file:DIR"));
        assertThat(ProviderLookup.secrets().usages()).anyMatch(u -> u.startsWith("env:VARIABLE"));
    }
}
