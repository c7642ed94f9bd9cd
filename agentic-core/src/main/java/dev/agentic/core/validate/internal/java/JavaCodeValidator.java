package dev.agentic.core.validate.internal.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.core.validate.internal.ValidatorInputs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The Java validator: parses once with javaparser at the Java 17 language level (Unicode escapes translated
 * first, as javac does), reports syntax errors, size and nesting limits, then walks the tree once with
 * {@link RuleWalker}. Thread-safe: the parser configuration is shared read-only and each call builds its own
 * parser and rule state.
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

    /** The parser configuration the validator uses; public for benchmarks that compare against the parser. */
    public static ParserConfiguration configuration(boolean translateUnicodeEscapes) {
        return new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setPreprocessUnicodeEscapes(translateUnicodeEscapes)
                .setAttributeComments(false);
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
            findings.add(Finding.error(JavaRules.SOURCE_TOO_LARGE, "The program is " + size + " bytes, more than "
                    + "the limit of " + policy.maxSourceBytes() + "; write a shorter program.", 0, 0));
            return result(findings, start);
        }
        try {
            // Translating Unicode escapes first (as javac does) costs time; only sources with a backslash-u need it.
            boolean escapes = code.source().contains("\\u");
            ParseResult<CompilationUnit> parsed = new JavaParser(escapes ? withUnicodeEscapes : configuration)
                    .parse(code.source());
            if (!parsed.getProblems().isEmpty()) {
                findings.add(syntax(parsed.getProblems().get(0)));
            }
            if (parsed.getResult().isPresent()) {
                CompilationUnit unit = parsed.getResult().get();
                checkNesting(unit, findings);
                new RuleWalker(unit, policy, network, findings).walk();
            }
        } catch (StackOverflowError e) {
            findings.add(Finding.error(JavaRules.NESTING_TOO_DEEP, "The program is nested too deeply to check; "
                    + "flatten it into smaller methods.", 0, 0));
        } catch (RuntimeException e) {
            // Fail closed: a program the validator cannot analyse is not accepted.
            findings.add(Finding.error(JavaRules.INTERNAL_ERROR, "The validator could not analyse this program ("
                    + e.getClass().getSimpleName() + "); simplify it and report the program as a validator bug.",
                    0, 0));
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
            String[] options = message.substring(expected + "expected one of".length()).trim().split("\\s+");
            if (options.length > MAX_EXPECTED_SHOWN) {
                StringBuilder b = new StringBuilder(message.substring(0, expected)).append("expected one of");
                for (int i = 0; i < MAX_EXPECTED_SHOWN; i++) {
                    b.append(' ').append(options[i]);
                }
                message = b.append(" ...").toString();
            }
        }
        return Finding.error(JavaRules.SYNTAX, message + ". Fix the syntax so the program compiles with javac 17.",
                range == null ? 0 : range.begin.line, range == null ? 0 : range.begin.column);
    }

    /**
     * Reports the first node nested deeper than the policy allows. Depth counts statements, declarations and
     * expressions, but not the links of a call chain or of a {@code +} chain, so long fluent builders and
     * concatenations are not "deep".
     */
    private void checkNesting(CompilationUnit unit, Findings findings) {
        int max = policy.maxNestingDepth();
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(unit);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            if (depth > max) {
                findings.error(JavaRules.NESTING_TOO_DEEP, node, "Code is nested " + depth + " levels deep here, "
                        + "more than the limit of " + max + "; move inner parts into methods.");
                return;
            }
            for (Node child : node.getChildNodes()) {
                nodes.push(child);
                depths.push(counts(node, child) ? depth + 1 : depth);
            }
        }
    }

    private static boolean counts(Node parent, Node child) {
        if (child instanceof BlockStmt || child instanceof ExpressionStmt) {
            return false;
        }
        if (child instanceof Statement || child instanceof BodyDeclaration) {
            return true;
        }
        if (!(child instanceof Expression)) {
            return false;
        }
        if (parent instanceof MethodCallExpr m && m.getScope().orElse(null) == child
                || parent instanceof FieldAccessExpr f && f.getScope() == child
                || parent instanceof MethodReferenceExpr r && r.getScope() == child) {
            return false;
        }
        return !(parent instanceof BinaryExpr b && b.getLeft() == child);
    }
}
