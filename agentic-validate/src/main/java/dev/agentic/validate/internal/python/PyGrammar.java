package dev.agentic.validate.internal.python;

import dev.agentic.core.ConfigurationException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;
import org.treesitter.TreeSitterPython;

/**
 * Tree-sitter's Python grammar, loaded once per JVM, with the tables the tree copy reads: symbol names (interned:
 * the analysis compares them with literals), whether each symbol is named, and field names. Creating it is where
 * tree-sitter's native libraries are first loaded, so it is reached only through a {@link Loader}, which turns a
 * platform without them into a {@link ConfigurationException}.
 *
 * <p>Thread-safe: the tables are immutable, and a {@link TSParser} is not, so each thread parses with its own
 * (a {@link ThreadLocal}; the parser lives as long as its thread).
 */
final class PyGrammar {
    private static final Loader SHARED = new Loader(() -> new TreeSitterPython());

    final TSLanguage language;
    final String[] symbolNames;
    final boolean[] symbolNamed;
    final String[] fieldNames;
    private final ThreadLocal<TSParser> parsers;
    /** Null until the direct-read self-check has run; then the tables, or empty when direct reads are unusable. */
    private volatile Optional<TsSubtree.Grammar> direct;

    private PyGrammar(TSLanguage language) {
        this.language = language;
        TSParser first = newParser();
        this.parsers = ThreadLocal.withInitial(this::newParser);
        parsers.set(first);
        int n = language.symbolCount();
        symbolNames = new String[n];
        symbolNamed = new boolean[n];
        for (int i = 0; i < n; i++) {
            symbolNames[i] = language.symbolName(i).intern();
            symbolNamed[i] = language.symbolType(i) == TSSymbolType.TSSymbolTypeRegular;
        }
        int f = language.fieldCount();
        fieldNames = new String[f + 1];
        for (int i = 1; i <= f; i++) {
            fieldNames[i] = language.fieldNameForId(i).intern();
        }
    }

    /** The grammar bundled with io.github.bonede:tree-sitter-python, loaded on first use. */
    static PyGrammar shared() {
        return SHARED.get();
    }

    /** The calling thread's parser. */
    TSParser parser() {
        return parsers.get();
    }

    TSParser newParser() {
        TSParser p = new TSParser();
        p.setLanguage(language);
        return p;
    }

    /**
     * The tables for reading trees straight from tree-sitter's memory ({@link TsSubtree}), or empty when that
     * is unavailable here or its start-up self-check fails. The check runs on the first call only, so nothing
     * reads native memory directly until a validator that opted in parses.
     */
    Optional<TsSubtree.Grammar> directTables() {
        Optional<TsSubtree.Grammar> d = direct;
        if (d == null) {
            synchronized (this) {
                d = direct;
                if (d == null) {
                    TsSubtree.Grammar tables = TsSubtree.grammar(language);
                    d = tables != null && PyParser.selfCheck(this, tables) ? Optional.of(tables) : Optional.empty();
                    direct = d;
                }
            }
        }
        return d;
    }

    /** Whether {@link #directTables()} has run: false as long as only the JNI walk was used. */
    boolean directReadsChecked() {
        return direct != null;
    }

    /**
     * Loads a grammar once and keeps the outcome. A platform where tree-sitter cannot load (no native library for
     * the OS or architecture, {@link UnsatisfiedLinkError}, a binding class whose static initialiser failed)
     * becomes a {@link ConfigurationException} naming {@code os.name} and {@code os.arch}, on the first call and
     * on every later one; the loading is not retried (the JVM would answer with {@link NoClassDefFoundError}).
     * Thread-safe.
     */
    static final class Loader {
        private final Supplier<? extends TSLanguage> load;
        private volatile PyGrammar loaded;
        /** The first failure, guarded by {@code this}. */
        private Throwable failure;

        Loader(Supplier<? extends TSLanguage> load) {
            this.load = Objects.requireNonNull(load, "load");
        }

        PyGrammar get() {
            PyGrammar g = loaded;
            if (g != null) {
                return g;
            }
            synchronized (this) {
                if (loaded != null) {
                    return loaded;
                }
                if (failure == null) {
                    try {
                        loaded = new PyGrammar(load.get());
                        return loaded;
                    } catch (LinkageError | RuntimeException e) {
                        failure = e;
                    }
                }
                throw unavailable(failure);
            }
        }

        private static ConfigurationException unavailable(Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == cause ? cause.toString() : cause.getClass().getName() + " caused by " + root;
            return new ConfigurationException(
                    "The Python validator cannot load tree-sitter's native library on "
                            + "this platform (os.name=" + System.getProperty("os.name") + ", os.arch="
                            + System.getProperty("os.arch") + "): " + why
                            + ". io.github.bonede:tree-sitter bundles libraries "
                            + "for a few OS and architecture pairs only. Validate Java code with the Java validator, or "
                            + "supply your own Python CodeValidator through Executor.builder().validator(…).",
                    cause);
        }
    }
}
