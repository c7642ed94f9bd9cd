package dev.agentic.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the Java validator corpus is a test: {@code must-flag} files need at least one error finding
 * under {@link ValidationPolicy#standard()}, {@code must-pass} files none. The corpus is read from this module's
 * test resources and, when present, from the shared {@code ../shared/corpus/validator/java} folder. A first-line
 * comment chooses the network policy (see the corpus README); a {@code // expected finding: RULE} comment in the
 * first lines pins the rule a must-flag file is reported under.
 */
class JavaValidatorCorpusTest {
    private static final Pattern ALLOWLIST = Pattern.compile("validated with the network allowlist:\\s*(.+)");
    private static final Pattern EXPECTED = Pattern.compile("^//\\s*expected finding:\\s*([a-z-]+)");
    private static final CodeValidator VALIDATOR = Validators.java(ValidationPolicy.standard());

    static Stream<Arguments> mustFlag() {
        return corpus("must-flag");
    }

    static Stream<Arguments> mustPass() {
        return corpus("must-pass");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustFlag")
    void mustFlagFileHasAnErrorFinding(String name, Path file) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        ValidationResult result = VALIDATOR.validate(Code.java(source), networkFor(source));
        assertThat(result.valid())
                .as("%s should be rejected; findings: %s", name, result.describe())
                .isFalse();
        assertThat(result.errors()).allSatisfy(f -> {
            assertThat(f.line()).isPositive();
            assertThat(f.message()).isNotBlank();
        });
        String expected = expectedRule(source);
        if (expected != null) {
            assertThat(result.errors())
                    .as("%s should be reported under %s: %s", name, expected, result.describe())
                    .anyMatch(f -> f.rule().id().equals(expected));
        }
    }

    /** The rule a {@code // expected finding: RULE} comment in the first lines names, or null. */
    static String expectedRule(String source) {
        return source.lines()
                .limit(3)
                .map(EXPECTED::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustPass")
    void mustPassFileHasNoErrorFinding(String name, Path file) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        ValidationResult result = VALIDATOR.validate(Code.java(source), networkFor(source));
        assertThat(result.errors()).as("%s should pass", name).isEmpty();
    }

    @Test
    void corpusHasTheSharedFilesAndOurOwnCases() {
        assertThat(corpus("must-flag").count()).isGreaterThanOrEqualTo(11 + 12);
        assertThat(corpus("must-pass").count()).isGreaterThanOrEqualTo(3 + 6);
    }

    /** The network policy a corpus file is validated under, from its first line. */
    static NetworkPolicy networkFor(String source) {
        String first = source.lines().findFirst().orElse("");
        Matcher m = ALLOWLIST.matcher(first);
        if (!m.find()) {
            return NetworkPolicy.none();
        }
        return NetworkPolicy.allow(m.group(1).trim().split("[,\\s]+"));
    }

    private static Stream<Arguments> corpus(String kind) {
        List<Arguments> out = new ArrayList<>();
        for (Path root : roots()) {
            Path dir = root.resolve(kind);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .forEach(f -> out.add(Arguments.of(label(root) + kind + "/" + f.getFileName(), f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.stream();
    }

    private static String label(Path root) {
        return root.toString().contains("shared") ? "shared/" : "";
    }

    private static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        try {
            roots.add(Path.of(JavaValidatorCorpusTest.class
                    .getResource("/corpus/validator/java")
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolve("shared/corpus/validator/java");
            if (Files.isDirectory(shared)) {
                roots.add(shared);
                break;
            }
        }
        return roots;
    }
}
