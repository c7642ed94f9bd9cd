package dev.agentic.benchmarks;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.agentic.core.Code;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.validate.Validators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Validating a realistic 300-line program, against a baseline of only parsing it, in the same run so the
 * validator's cost is reported as a ratio to the parser's. Both programs are valid under the standard policy
 * with {@code api.stripe.com} allowed, so every rule runs to the end.
 *
 * <p>A tree-sitter tree lives in native memory (about 430 KB for the Python program) until the binding's cleaner
 * frees it after a garbage collection. The bare parse allocates almost nothing on the Java heap, so no
 * collection comes and its trees pile up by the gigabyte until the parser itself slows down (from about 4.1 to
 * 5.4 ms per parse after 12 seconds on the 2-vCPU VM); a collection before each iteration, outside the
 * measurement, keeps every benchmark's native heap as small as the validator's own garbage keeps it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ValidatorBenchmark {
    private static final NetworkPolicy STRIPE = NetworkPolicy.allow("api.stripe.com");

    private Code pythonProgram;
    private CodeValidator pythonValidator;
    private CodeValidator pythonValidatorUnsafeTreeCopy;
    private TSParser pythonParser;
    private Code javaProgram;
    private CodeValidator javaValidator;
    private ParserConfiguration javaParserConfiguration;

    @Setup
    public void setUp() {
        pythonProgram = Code.python(resource("invoice_reconciliation.py"));
        pythonValidator = Validators.python(ValidationPolicy.standard());
        pythonParser = new TSParser();
        pythonParser.setLanguage(new TreeSitterPython());
        requireValid(pythonValidator.validate(pythonProgram, STRIPE));
        pythonValidatorUnsafeTreeCopy =
                Validators.pythonBuilder().unsafeTreeCopy(true).build();
        requireValid(pythonValidatorUnsafeTreeCopy.validate(pythonProgram, STRIPE));
        javaProgram = Code.java(resource("InvoiceReconciliation.java"));
        javaValidator = Validators.java(ValidationPolicy.standard());
        javaParserConfiguration = Validators.javaParserConfiguration();
        requireValid(javaValidator.validate(javaProgram, STRIPE));
    }

    /** Frees the native trees of the previous iteration (see the class comment); not measured. */
    @Setup(Level.Iteration)
    public void releaseNativeTrees() {
        System.gc();
    }

    private static void requireValid(ValidationResult check) {
        if (!check.valid()) {
            throw new IllegalStateException("benchmark program should be valid:\n" + check.describe());
        }
    }

    /** The Python validator (default JNI tree copy): tree-sitter parse, syntax, nesting and every rule. */
    @Benchmark
    public ValidationResult validatePython() {
        return pythonValidator.validate(pythonProgram, STRIPE);
    }

    /** The same with the opt-in tree copy that reads tree-sitter's memory directly (see its risk). */
    @Benchmark
    public ValidationResult validatePythonUnsafeTreeCopy() {
        return pythonValidatorUnsafeTreeCopy.validate(pythonProgram, STRIPE);
    }

    /** Baseline: tree-sitter alone (Python grammar), no rules and no copy of the tree into Java objects. */
    @Benchmark
    public boolean parsePythonBaseline() {
        TSTree tree = pythonParser.parseString(null, pythonProgram.source());
        return tree.getRootNode().hasError();
    }

    /** The Java validator: parse, syntax, nesting and every rule. */
    @Benchmark
    public ValidationResult validateJava() {
        return javaValidator.validate(javaProgram, STRIPE);
    }

    /** Baseline: javaparser alone with the validator's configuration, no rules. */
    @Benchmark
    public ParseResult<CompilationUnit> parseJavaBaseline() {
        return new JavaParser(javaParserConfiguration).parse(javaProgram.source());
    }

    static String resource(String name) {
        try (InputStream in = ValidatorBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
