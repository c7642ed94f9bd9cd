package dev.agentic.validate.internal.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.validate.Validators;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus program under the standard policy: {@code must-flag} files need an error finding,
 * {@code must-pass} files none; a {@code # expected finding: RULE} comment in the first lines pins the rule.
 * Reads the copy in test resources and, when present, the shared corpus
 * ({@code ../shared/corpus/validator/python}) so new cases there are picked up.
 */
class PythonCorpusTest {
    private static final Pattern ALLOWLIST = Pattern.compile("validated with the network allowlist:\\s*(.+)");
    private static final Pattern EXPECTED = Pattern.compile("^#\\s*expected finding:\\s*([a-z-]+)");
    private static final CodeValidator VALIDATOR = Validators.python(ValidationPolicy.standard());

    static Stream<Arguments> mustFlag() throws IOException, URISyntaxException {
        return cases("must-flag");
    }

    static Stream<Arguments> mustPass() throws IOException, URISyntaxException {
        return cases("must-pass");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustFlag")
    void mustFlagProgramHasAnErrorFinding(Path file) throws IOException {
        ValidationResult result = validate(file);
        assertThat(result.errors()).as("findings for %s", file).isNotEmpty();
        assertThat(result.valid()).isFalse();
        String expected = expectedRule(Files.readString(file));
        if (expected != null) {
            assertThat(result.errors())
                    .as("%s should be reported under %s:\n%s", file, expected, result.describe())
                    .anyMatch(f -> f.rule().id().equals(expected) && f.line() > 0 && f.column() > 0);
        }
    }

    /** The rule a {@code # expected finding: RULE} comment in the first lines names, or null. */
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
    void mustPassProgramHasNoErrorFinding(Path file) throws IOException {
        ValidationResult result = validate(file);
        assertThat(result.errors())
                .as("findings for %s:\n%s", file, result.describe())
                .isEmpty();
    }

    static ValidationResult validate(Path file) throws IOException {
        String source = Files.readString(file);
        return VALIDATOR.validate(Code.python(source), networkFor(source));
    }

    /** The first-line comment decides the network policy; without it no host is allowed. */
    static NetworkPolicy networkFor(String source) {
        String first = source.lines().findFirst().orElse("");
        Matcher m = ALLOWLIST.matcher(first);
        if (!first.startsWith("#") || !m.find()) {
            return NetworkPolicy.none();
        }
        return NetworkPolicy.allow(m.group(1).trim().split("[,\\s]+"));
    }

    private static Stream<Arguments> cases(String kind) throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        Path bundled = Path.of(PythonCorpusTest.class
                .getResource("/corpus/validator/python/" + kind)
                .toURI());
        add(out, bundled, "corpus");
        for (Path shared : List.of(
                Path.of("../shared/corpus/validator/python", kind),
                Path.of("../../shared/corpus/validator/python", kind))) {
            if (Files.isDirectory(shared)) {
                add(out, shared, "shared");
                break;
            }
        }
        return out.stream();
    }

    private static void add(List<Arguments> out, Path dir, String label) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".py"))
                    .sorted()
                    .forEach(p -> out.add(
                            Arguments.of(Named.of(label + "/" + dir.getFileName() + "/" + p.getFileName(), p))));
        }
    }
}
