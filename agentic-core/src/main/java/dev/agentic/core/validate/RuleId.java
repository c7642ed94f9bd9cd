package dev.agentic.core.validate;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.util.Objects;

/**
 * The stable id of a validator rule: what a {@link Finding} was reported under and what
 * {@link ValidationPolicy.Builder#disableRule(RuleId)} switches off. Its text form ({@link #id()}, also
 * {@link #toString()}) is what records, repair prompts and the CLI print, e.g. {@code denied-import}.
 *
 * <p>The constants are the rules of the SDK's validators; the Python and Java validators share the ids of the
 * rules they have in common, and name a few alike rules differently (noted on each constant). A validator of
 * your own makes its ids with {@link #of(String)}; two ids with the same text are equal.
 *
 * <pre>{@code
 * ValidationPolicy lenient = ValidationPolicy.standard().toBuilder().disableRule(RuleId.DUNDER_ACCESS).build();
 * boolean escapes = result.findings().stream().anyMatch(f -> f.rule().equals(RuleId.DENIED_IMPORT));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Experimental
public final class RuleId implements Comparable<RuleId> {

    /** The program does not parse (Python and Java). */
    public static final RuleId SYNTAX = new RuleId("syntax");
    /** An import the policy denies (Python and Java). */
    public static final RuleId DENIED_IMPORT = new RuleId("denied-import");
    /** A call or reference the policy denies (Python and Java). */
    public static final RuleId DENIED_CALL = new RuleId("denied-call");
    /** A literal URL or host outside the task's network allowlist (Python and Java). */
    public static final RuleId HOST_NOT_ALLOWED = new RuleId("host-not-allowed");
    /** The validator could not analyse the program and rejects it (Python and Java). */
    public static final RuleId INTERNAL_ERROR = new RuleId("internal-error");
    /**
     * Gate policies (Python and Java): a URL or host given to a network call that is computed at run time, so the
     * validator cannot tell which host it is.
     */
    public static final RuleId UNRESOLVED_HOST = new RuleId("unresolved-host");
    /** Gate policies (Python and Java): a file read, listed or copied from outside the working directory. */
    public static final RuleId READ_OUTSIDE = new RuleId("read-outside");
    /**
     * Gate policies (Python and Java): a string a library evaluates as code or resolves as names (a string
     * annotation, a format template that is not a literal, SQL that attaches another database file, archive
     * extraction whose member names choose the paths written).
     */
    public static final RuleId EVALUATED_STRING = new RuleId("evaluated-string");

    /** Python: the source is larger than {@link ValidationPolicy#maxSourceBytes()} (Java: {@link #SOURCE_TOO_LARGE}). */
    public static final RuleId SOURCE_SIZE = new RuleId("source-size");
    /** Python: the syntax tree nests too deeply to analyse (Java: {@link #NESTING_TOO_DEEP}). */
    public static final RuleId NESTING_DEPTH = new RuleId("nesting-depth");
    /** Python: a coding declaration that changes how Python reads the file. */
    public static final RuleId SOURCE_ENCODING = new RuleId("source-encoding");
    /** Python: an attribute reached by a name computed at run time ({@code getattr(o, name)}). */
    public static final RuleId DYNAMIC_ATTRIBUTE = new RuleId("dynamic-attribute");
    /** Python: an attribute name assembled from strings ({@code getattr(os, 'sys' + 'tem')}). */
    public static final RuleId STRING_BUILT_NAME = new RuleId("string-built-name");
    /** Python: an attribute or name that walks to interpreter internals ({@code __globals__}, {@code __subclasses__}). */
    public static final RuleId DUNDER_ACCESS = new RuleId("dunder-access");
    /** Python: a format string that reaches attributes of its arguments ({@code '{0.__class__}'}). */
    public static final RuleId FORMAT_TRAVERSAL = new RuleId("format-traversal");
    /** Python: a file written outside the working directory (Java: {@link #FILE_WRITE_OUTSIDE}). */
    public static final RuleId WRITE_OUTSIDE = new RuleId("write-outside");
    /** Python: a file or directory deleted outside the working directory. */
    public static final RuleId DELETE_OUTSIDE = new RuleId("delete-outside");

    /** Java: the source is larger than {@link ValidationPolicy#maxSourceBytes()} (Python: {@link #SOURCE_SIZE}). */
    public static final RuleId SOURCE_TOO_LARGE = new RuleId("source-too-large");
    /** Java: code nested deeper than {@link ValidationPolicy#maxNestingDepth()} (Python: {@link #NESTING_DEPTH}). */
    public static final RuleId NESTING_TOO_DEEP = new RuleId("nesting-too-deep");
    /** Java: a use of a denied package or type ({@code ProcessBuilder}, {@code sun.*}). */
    public static final RuleId DENIED_TYPE = new RuleId("denied-type");
    /** Java: reflection or method handles. */
    public static final RuleId REFLECTION = new RuleId("reflection");
    /** Java: a {@code native} method declaration. */
    public static final RuleId NATIVE_METHOD = new RuleId("native-method");
    /** Java: a file written outside the working directory (Python: {@link #WRITE_OUTSIDE}). */
    public static final RuleId FILE_WRITE_OUTSIDE = new RuleId("file-write-outside");
    /** Java: more threads started than {@link ValidationPolicy#maxThreads()}. */
    public static final RuleId TOO_MANY_THREADS = new RuleId("too-many-threads");
    /** Java: network access in a task that has no network. */
    public static final RuleId NETWORK_NOT_ALLOWED = new RuleId("network-not-allowed");

    private final String id;

    private RuleId(String id) {
        this.id = id;
    }

    /**
     * The rule id with text {@code id}, equal to the constant with that text if there is one.
     *
     * @throws ConfigurationException when {@code id} is blank or contains whitespace
     */
    public static RuleId of(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigurationException("A rule id must be a non-empty word without whitespace, such as "
                    + "'denied-import'; was '" + id + "'");
        }
        return new RuleId(id);
    }

    /** The text form: {@code denied-import}. */
    public String id() {
        return id;
    }

    @Override
    public int compareTo(RuleId other) {
        return id.compareTo(other.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleId r && id.equals(r.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The same as {@link #id()}, so a rule id prints as it always has. */
    @Override
    public String toString() {
        return id;
    }
}
