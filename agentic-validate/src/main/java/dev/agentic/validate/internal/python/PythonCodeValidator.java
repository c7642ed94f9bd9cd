package dev.agentic.validate.internal.python;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.Severity;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.validate.internal.ValidatorInputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python validator: parses with tree-sitter once, copies the tree into Java in one walk, then runs the
 * binding and check passes in Java. Reach it through {@code Validators.python(policy)}.
 *
 * <p>Thread-safe: besides its immutable policy it keeps only the last resolved (immutable) deny sets; each
 * thread parses with its own tree-sitter parser; native trees are released when a call returns (freed by the
 * binding's cleaner).
 */
public final class PythonCodeValidator implements CodeValidator {
    private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final Set<String> SAFE_ENCODINGS = Set.of(
            "utf-8",
            "utf8",
            "utf-8-sig",
            "ascii",
            "us-ascii",
            "latin-1",
            "latin1",
            "iso-8859-1",
            "iso8859-1",
            "l1",
            "cp1252",
            "iso-8859-15",
            "iso8859-15");

    private final ValidationPolicy policy;
    private final boolean unsafeTreeCopy;
    private final PyGrammar.Loader grammar;
    /** The policy resolved for the last network policy seen (immutable, so threads may share it), or null. */
    private volatile PyPolicy resolved;

    /** A validator that copies trees with the JNI cursor walk. */
    public PythonCodeValidator(ValidationPolicy policy) {
        this(policy, false, null);
    }

    /**
     * {@code unsafeTreeCopy} true copies trees by reading tree-sitter's memory directly ({@link TsSubtree}) where
     * its self-check passes; see {@code Validators.PythonBuilder#unsafeTreeCopy} for the risk.
     */
    public PythonCodeValidator(ValidationPolicy policy, boolean unsafeTreeCopy) {
        this(policy, unsafeTreeCopy, null);
    }

    /** {@code grammar} null: the grammar bundled with the binding, shared by every validator. */
    PythonCodeValidator(ValidationPolicy policy, boolean unsafeTreeCopy, PyGrammar.Loader grammar) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.unsafeTreeCopy = unsafeTreeCopy;
        this.grammar = grammar;
    }

    @Override
    public Language language() {
        return Language.PYTHON;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConfigurationException when tree-sitter cannot load on this platform (the message names
     *     {@code os.name} and {@code os.arch}); every call fails the same way
     */
    @Override
    public ValidationResult validate(Code code, NetworkPolicy network) {
        ValidatorInputs.require(code, network, Language.PYTHON);
        long started = System.nanoTime();
        PyGrammar loaded = grammar == null ? PyGrammar.shared() : grammar.get();
        List<Finding> findings = new ArrayList<>();
        try {
            run(loaded, code, network, findings);
        } catch (RuntimeException | StackOverflowError e) {
            // fail closed: a program the validator cannot analyse is not accepted
            findings.add(Finding.error(
                    PyRules.INTERNAL_ERROR,
                    "the validator could not analyse this program ("
                            + e.getClass().getSimpleName() + "); simplify it and report the program as a validator bug",
                    0,
                    0));
        }
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        Set<String> seen = new HashSet<>();
        findings.removeIf(f -> !seen.add(f.rule() + "@" + f.line() + ":" + f.column()));
        return new ValidationResult(Language.PYTHON, findings, Duration.ofNanos(System.nanoTime() - started));
    }

    private void run(PyGrammar loaded, Code code, NetworkPolicy network, List<Finding> findings) {
        if (code.sizeInBytes() > policy.maxSourceBytes() && policy.isRuleEnabled(PyRules.SOURCE_SIZE)) {
            findings.add(Finding.error(
                    PyRules.SOURCE_SIZE,
                    "the program is " + code.sizeInBytes() + " bytes, over the limit of " + policy.maxSourceBytes()
                            + "; write a shorter program",
                    0,
                    0));
            return;
        }
        String source = normalise(code.source());
        int nul = source.indexOf('\0');
        if (nul >= 0) {
            int[] starts = PyParser.lineStarts(source);
            int line = PyParser.lineOf(starts, nul);
            add(
                    findings,
                    PyRules.SYNTAX,
                    true,
                    "source code cannot contain null bytes; remove them",
                    line + 1,
                    nul - starts[line] + 1);
            return;
        }
        checkEncoding(source, findings);
        PyParser.Parsed parsed = PyParser.parse(loaded, source, unsafeTreeCopy);
        PyText text = new PyText(source);
        if (parsed.firstError != null) {
            add(
                    findings,
                    PyRules.SYNTAX,
                    true,
                    syntaxMessage(parsed, text),
                    parsed.firstError.line,
                    parsed.firstError.column);
        }
        if (parsed.tooDeep) {
            findings.add(Finding.error(
                    PyRules.NESTING_DEPTH,
                    "the program nests deeper than " + PyParser.MAX_TREE_DEPTH + " syntax levels; flatten it",
                    0,
                    0));
        }
        PyPolicy resolved = resolve(network);
        PyBindings bindings = new PyBindings(text);
        bindings.collect(parsed.root);
        PyEffects.Reporter reporter =
                (rule, error, message, at) -> add(findings, rule, error, message, at.line, at.column);
        new PyChecker(text, bindings, resolved, reporter, parsed.root).visit(parsed.root);
    }

    /** Resolving the deny sets costs more than a small program's checks: reuse it while the network is equal. */
    private PyPolicy resolve(NetworkPolicy network) {
        PyPolicy last = resolved;
        if (last != null && (last.network == network || last.network.equals(network))) {
            return last;
        }
        PyPolicy fresh = new PyPolicy(policy, network);
        resolved = fresh;
        return fresh;
    }

    private void add(List<Finding> findings, RuleId rule, boolean error, String message, int line, int column) {
        if (policy.isRuleEnabled(rule)) {
            findings.add(new Finding(rule, error ? Severity.ERROR : Severity.WARNING, message, line, column));
        }
    }

    private static String syntaxMessage(PyParser.Parsed parsed, PyText text) {
        PyNode e = parsed.firstError;
        if (parsed.missing) {
            return "invalid syntax: missing " + e.type + "; fix the statement so it parses as Python 3";
        }
        String snippet = text.text(e).strip();
        int nl = snippet.indexOf('\n');
        if (nl >= 0) {
            snippet = snippet.substring(0, nl);
        }
        if (snippet.length() > 40) {
            snippet = snippet.substring(0, 40) + "...";
        }
        return "invalid syntax" + (snippet.isEmpty() ? "" : " near '" + snippet + "'")
                + "; fix the statement so it parses as Python 3";
    }

    /** Python reads a coding declaration on line 1 or 2; a non-ASCII-compatible codec hides code in comments. */
    private void checkEncoding(String source, List<Finding> findings) {
        int lineStart = 0;
        for (int line = 1; line <= 2 && lineStart <= source.length(); line++) {
            int end = source.indexOf('\n', lineStart);
            String l = source.substring(lineStart, end < 0 ? source.length() : end);
            Matcher m = CODING.matcher(l);
            if (m.find()) {
                String enc = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
                if (!SAFE_ENCODINGS.contains(enc)) {
                    add(
                            findings,
                            PyRules.SOURCE_ENCODING,
                            true,
                            "source encoding '" + m.group(1)
                                    + "' changes how Python reads the file; remove the coding line and use UTF-8",
                            line,
                            m.start(1) + 1);
                }
                return;
            }
            if (!l.isBlank() && !l.stripLeading().startsWith("#")) {
                return;
            }
            if (end < 0) {
                return;
            }
            lineStart = end + 1;
        }
    }

    /** Line endings as Python reads them (CR LF and a lone CR end a line) and no unpaired surrogates. */
    static String normalise(String s) {
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) {
            char c = s.charAt(i);
            clean = c != '\r' && !Character.isSurrogate(c);
        }
        if (clean) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                sb.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PythonCodeValidator[" + policy + (unsafeTreeCopy ? ", unsafeTreeCopy" : "") + "]";
    }
}
