package dev.agentic.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
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
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict policy is a gate that people can use: it accepts every realistic program of
 * {@code corpus/strict/<language>/accept} (API calls, data processing, reports, CSV and JSON, threads, logging,
 * files in the working directory) and rejects every bypass attempt of {@code corpus/strict/<language>/reject}
 * (logging configuration factories, type-hint evaluation, format-field lookup, inspect, staged imports,
 * sqlite3, archive extraction, dir_fd, URL retrieval helpers, hosts assembled at run time, XSLT, java.beans,
 * ...). A first-line comment chooses the network policy as in the validator corpus; an
 * {@code expected finding: RULE} comment in the first lines pins the rule a rejection is reported under.
 */
class StrictPolicyCorpusTest {
    private static final Pattern ALLOWLIST = Pattern.compile("validated with the network allowlist:\\s*(.+)");
    private static final Pattern EXPECTED = Pattern.compile("^(#|//)\\s*expected finding:\\s*([a-z-]+)");
    private static final ValidationPolicy STRICT = ValidationPolicy.strict();

    static Stream<Arguments> accept() {
        return Stream.concat(cases(Language.PYTHON, "accept"), cases(Language.JAVA, "accept"));
    }

    static Stream<Arguments> reject() {
        return Stream.concat(cases(Language.PYTHON, "reject"), cases(Language.JAVA, "reject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accept")
    void strictPolicyAcceptsRealisticProgram(Language language, Path file) {
        ValidationResult result = validate(STRICT, language, file);
        assertThat(result.errors())
                .as("findings for %s:\n%s", file, result.describe())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reject")
    void strictPolicyRejectsBypassAttempt(Language language, Path file) {
        ValidationResult result = validate(STRICT, language, file);
        assertThat(result.valid()).as("%s should be rejected", file).isFalse();
        assertThat(result.errors()).allSatisfy(f -> assertThat(f.message()).isNotBlank());
        String expected = expectedRule(read(file));
        if (expected != null) {
            assertThat(result.errors())
                    .as("%s should be reported under %s:\n%s", file, expected, result.describe())
                    .anyMatch(f -> f.rule().id().equals(expected) && f.line() > 0 && f.column() > 0);
        }
    }

    /** The numbers README.md quotes: strict against standard on the same programs. */
    @Test
    void strictRejectsEveryBypassWhileStandardMissesSomeAndBothAcceptTheRealisticPrograms() {
        for (Language language : List.of(Language.PYTHON, Language.JAVA)) {
            List<Path> accept = files(language, "accept");
            List<Path> reject = files(language, "reject");
            long strictAccepted = accept.stream()
                    .filter(f -> validate(STRICT, language, f).valid())
                    .count();
            long strictRejected = reject.stream()
                    .filter(f -> !validate(STRICT, language, f).valid())
                    .count();
            long standardAccepted = accept.stream()
                    .filter(f ->
                            validate(ValidationPolicy.standard(), language, f).valid())
                    .count();
            List<String> standardMissed = reject.stream()
                    .filter(f ->
                            validate(ValidationPolicy.standard(), language, f).valid())
                    .map(f -> f.getFileName().toString())
                    .toList();
            System.out.printf(
                    "%s: strict accepts %d/%d realistic, rejects %d/%d bypasses; standard accepts %d/%d realistic, "
                            + "rejects %d/%d bypasses (missed: %s)%n",
                    language,
                    strictAccepted,
                    accept.size(),
                    strictRejected,
                    reject.size(),
                    standardAccepted,
                    accept.size(),
                    reject.size() - standardMissed.size(),
                    reject.size(),
                    standardMissed);
            assertThat(strictAccepted).isEqualTo(accept.size());
            assertThat(strictRejected).isEqualTo(reject.size());
            assertThat(standardAccepted).isEqualTo(accept.size());
            assertThat(standardMissed)
                    .as("the standard policy is a lint, not a gate")
                    .isNotEmpty();
        }
        assertThat(files(Language.PYTHON, "accept")).hasSizeGreaterThanOrEqualTo(30);
        assertThat(files(Language.JAVA, "accept")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(files(Language.PYTHON, "reject").size()
                        + files(Language.JAVA, "reject").size())
                .isGreaterThanOrEqualTo(40);
    }

    /**
     * The validator corpus was written for the standard policy, before the gate. With the HTTP packages its
     * programs use allowed by name, strict rejects every must-flag program and accepts the must-pass programs
     * except these, each for a reason a gate has: a package not allowed (the stripe SDK, urllib3's retry helper,
     * tempfile, platform, java.net.URL), a file read outside the working directory, or a host that comes from the
     * environment or from a response (a webhook URL read from a variable, GitHub's next-page links).
     */
    @Test
    void strictWithTheEnvironmentsPackagesAcceptsTheStandardCorpusExceptWhatAGateMustRefuse() {
        ValidationPolicy gate =
                STRICT.toBuilder().allowModules("requests", "httpx", "aiohttp").build();
        List<String> rejected = new ArrayList<>();
        for (Language language : List.of(Language.PYTHON, Language.JAVA)) {
            String dir = language == Language.PYTHON ? "python" : "java";
            for (Path f : corpusFiles("/corpus/validator/" + dir + "/must-pass")) {
                if (!validate(gate, language, f).valid()) {
                    rejected.add(f.getFileName().toString());
                }
            }
            for (Path f : corpusFiles("/corpus/validator/" + dir + "/must-flag")) {
                assertThat(validate(STRICT, language, f).valid()).as("%s", f).isFalse();
            }
        }
        assertThat(rejected)
                .containsExactlyInAnyOrder(
                        "github_issues_session_retries.py",
                        "local_files_and_getattr_constants.py",
                        "methods_named_eval_compile.py",
                        "paths_below_working_directory.py",
                        "platform_and_own_method_names.py",
                        "slack_notifier_settings.py",
                        "stripe_customer.py",
                        "stripe_list.py",
                        "UriComponentsAllowedHost.java");
    }

    static ValidationResult validate(ValidationPolicy policy, Language language, Path file) {
        String source = read(file);
        CodeValidator validator = language == Language.PYTHON ? Validators.python(policy) : Validators.java(policy);
        return validator.validate(
                language == Language.PYTHON ? Code.python(source) : Code.java(source), networkFor(source));
    }

    /** The network allowlist a first-line comment names; without one, no network. */
    static NetworkPolicy networkFor(String source) {
        String first = source.lines().findFirst().orElse("");
        Matcher m = ALLOWLIST.matcher(first);
        return m.find() ? NetworkPolicy.allow(m.group(1).trim().split("[,\\s]+")) : NetworkPolicy.none();
    }

    static String expectedRule(String source) {
        return source.lines()
                .limit(4)
                .map(EXPECTED::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(2))
                .findFirst()
                .orElse(null);
    }

    private static Stream<Arguments> cases(Language language, String kind) {
        return files(language, kind).stream()
                .map(p -> Arguments.of(
                        Named.of(language.name().toLowerCase() + "/" + kind + "/" + p.getFileName(), language), p));
    }

    static List<Path> files(Language language, String kind) {
        return corpusFiles("/corpus/strict/" + (language == Language.PYTHON ? "python" : "java") + "/" + kind);
    }

    private static List<Path> corpusFiles(String dir) {
        if (StrictPolicyCorpusTest.class.getResource(dir) == null) {
            return List.of();
        }
        try (Stream<Path> list =
                Files.list(Path.of(StrictPolicyCorpusTest.class.getResource(dir).toURI()))) {
            return list.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
