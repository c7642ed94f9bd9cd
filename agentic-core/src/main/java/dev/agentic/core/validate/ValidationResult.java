package dev.agentic.core.validate;

import dev.agentic.core.Language;
import dev.agentic.core.annotation.Stable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a validator concluded about one program. Valid means no {@link Severity#ERROR} finding.
 *
 * @param language the language validated
 * @param findings every finding, in source order
 * @param duration time the validation took
 */
@Stable
public record ValidationResult(Language language, List<Finding> findings, Duration duration) {
    public ValidationResult {
        Objects.requireNonNull(language, "language");
        findings = List.copyOf(findings);
        Objects.requireNonNull(duration, "duration");
    }

    public static ValidationResult valid(Language language) {
        return new ValidationResult(language, List.of(), Duration.ZERO);
    }

    /** True when no finding is an error. */
    public boolean valid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).collect(Collectors.toUnmodifiableList());
    }

    /** One finding a line, as shown to people and fed back to models. */
    public String describe() {
        return findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
    }
}
