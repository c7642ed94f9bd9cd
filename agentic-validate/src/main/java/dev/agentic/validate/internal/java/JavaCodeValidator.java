package dev.agentic.validate.internal.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.validate.internal.ValidatorInputs;
import java.time.Duration;
import java.util.Objects;

/**
 * The Java validator: parses once with javaparser at the Java 17 language level (Unicode escapes translated
 * first, as javac does), walks the tree once ({@link SourceModel}: symbol table, nesting limit, node order),
 * then applies every rule in one pass over those nodes ({@link RuleWalker}). Thread-safe: the parser
 * configuration is shared read-only and each call builds its own parser and rule state.
 */
public final class JavaCodeValidator implements CodeValidator {
    private static final int MAX_EXPECTED_SHOWN = 6;

    private final ValidationPolicy policy;
    private final ParserConfiguration configuration;
    private final ParserConfiguration withUnicodeEscapes;

    public JavaCodeValidator(ValidationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.configuration = configuration(false);
        this.withUnicodeEscapes = configuration(true);
    }

    /**
     * The parser configuration the validator uses; public for benchmarks that compare against the parser. The
     * rules need node positions (so tokens stay stored: without them nodes have no range) but neither comments
     * attached to nodes nor the file's line separator, whose detection is a pass over every character.
     */
    public static ParserConfiguration configuration(boolean translateUnicodeEscapes) {
        return new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setPreprocessUnicodeEscapes(translateUnicodeEscapes)
                .setAttributeComments(false)
                .setDetectOriginalLineSeparator(false);
    }

    @Override
    public Language language() {
        return Language.JAVA;
    }

    @Override
    public ValidationResult validate(Code code, NetworkPolicy network) {
        ValidatorInputs.require(code, network, Language.JAVA);
        long start = System.nanoTime();
        Findings findings = new Findings(policy);
        int size = code.sizeInBytes();
        if (size > policy.maxSourceBytes() && findings.enabled(JavaRules.SOURCE_TOO_LARGE)) {
            findings.add(Finding.error(
                    JavaRules.SOURCE_TOO_LARGE,
                    "The program is " + size + " bytes, more than " + "the limit of " + policy.maxSourceBytes()
                            + "; write a shorter program.",
                    0,
                    0));
            return result(findings, start);
        }
        try {
            // Translating Unicode escapes first (as javac does) costs time; only sources with a backslash-u need it.
            boolean escapes = code.source().contains("\\u");
            ParseResult<CompilationUnit> parsed =
                    new JavaParser(escapes ? withUnicodeEscapes : configuration).parse(code.source());
            if (!parsed.getProblems().isEmpty()) {
                findings.add(syntax(parsed.getProblems().get(0)));
            }
            if (parsed.getResult().isPresent()) {
                SourceModel model = new SourceModel(parsed.getResult().get(), policy.maxNestingDepth());
                if (model.tooDeep != null) {
                    findings.error(
                            JavaRules.NESTING_TOO_DEEP,
                            model.tooDeep,
                            "Code is nested " + model.tooDeepDepth
                                    + " levels deep here, more than the limit of " + policy.maxNestingDepth()
                                    + "; move inner parts into methods.");
                }
                new RuleWalker(model, policy, network, findings).walk();
            }
        } catch (StackOverflowError e) {
            findings.add(Finding.error(
                    JavaRules.NESTING_TOO_DEEP,
                    "The program is nested too deeply to check; " + "flatten it into smaller methods.",
                    0,
                    0));
        } catch (RuntimeException e) {
            // Fail closed: a program the validator cannot analyse is not accepted.
            findings.add(Finding.error(
                    JavaRules.INTERNAL_ERROR,
                    "The validator could not analyse this program ("
                            + e.getClass().getSimpleName()
                            + "); simplify it and report the program as a validator bug.",
                    0,
                    0));
        }
        return result(findings, start);
    }

    private static ValidationResult result(Findings findings, long start) {
        return new ValidationResult(Language.JAVA, findings.sorted(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static Finding syntax(Problem problem) {
        Range range = problem.getLocation().flatMap(l -> l.getEnd().getRange()).orElse(null);
        String message = problem.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline).strip();
        }
        int expected = message.indexOf("expected one of");
        if (expected > 0) {
            String[] options = message.substring(expected + "expected one of".length())
                    .trim()
                    .split("\\s+");
            if (options.length > MAX_EXPECTED_SHOWN) {
                StringBuilder b = new StringBuilder(message.substring(0, expected)).append("expected one of");
                for (int i = 0; i < MAX_EXPECTED_SHOWN; i++) {
                    b.append(' ').append(options[i]);
                }
                message = b.append(" ...").toString();
            }
        }
        return Finding.error(
                JavaRules.SYNTAX,
                message + ". Fix the syntax so the program compiles with javac 17.",
                range == null ? 0 : range.begin.line,
                range == null ? 0 : range.begin.column);
    }
}
