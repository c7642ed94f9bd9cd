package dev.agentic.validate.internal.python;

import java.lang.ref.Reference;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Parses Python source with tree-sitter and copies the tree into {@link PyNode}s in one walk: with the binding's
 * cursor (a JNI call per step and value) or, for a validator that opted in, over tree-sitter's memory
 * ({@link TsSubtree}) where the start-up self-check passed.
 *
 * <p>Thread-safe: each thread parses with its own parser ({@link PyGrammar#parser()}). Native memory: each
 * {@link TSTree} is dropped when {@link #parse} returns and freed by the binding's cleaner, so nothing native
 * outlives a call except the per-thread parser.
 */
final class PyParser {
    /** Deeper trees are not analysed (the walker recurses); Python itself rejects far shallower nesting. */
    static final int MAX_TREE_DEPTH = 800;

    /**
     * Programs the start-up self-check copies both ways: keyword identifiers (aliases), fields behind hidden
     * nodes, long and short tokens (heap and inline subtrees), strings, comments (extras), non-ASCII text, and
     * ERROR and MISSING nodes.
     */
    private static final String[] SELF_CHECK = {
        "import os, sys as s\nfrom a.b import (c as d, e)\nprint(exec, match, type, async_)\n"
                + "match x:\n    case [1, *rest] if rest: pass\n    case {'k': v, **kw}: pass\n"
                + "@dec(1)\nasync def f(a, /, b=None, *c, d: int = 0x1F, **e) -> 'T':\n"
                + "    global g\n    yield await b\n    return [i ** 2 for i in c if i not in d] or {k: v for k, v in e}\n"
                + "class K(Base, metaclass=M):\n    \"\"\"doc\\n\"\"\"\n    x: list[int] = f'{a!r:>{w}} {b}' rb'\\x00' \"\"\n"
                + "    def m(self): return lambda q: q[1:2, ...] if self else not q\n"
                + "with open('x') as fh, ctx() as (p, r): del p; assert r, 'm'\n"
                + "try:\n    raise E from None\nexcept* (A, B) as err:\n    pass\nfinally:\n    x += 1.5e-3j\n"
                + "ｅｖａｌ('é' + \"ü\") # комментарий\nwhile True: break\nelse_ = ~x << 2 >> 1 & 3 | 4 ^ 5 // 6 @ m\n"
                + "a_very_long_identifier_name_that_does_not_fit_in_an_inline_subtree_at_all_because_it_is_long = 1\n",
        "def broken(:\n    return (1,\nx = [1, 2\nif y\n    $ z\nclass\n",
    };

    private PyParser() {}

    /** Whether the tree copy can read tree-sitter's memory directly here (see {@link TsSubtree}). */
    static boolean directReads() {
        return PyGrammar.shared().directTables().isPresent();
    }

    /** A parsed program. */
    static final class Parsed {
        final PyNode root;
        /** First ERROR or MISSING node in source order, or null. */
        final PyNode firstError;

        final boolean missing;
        final boolean tooDeep;

        Parsed(PyNode root, PyNode firstError, boolean missing, boolean tooDeep) {
            this.root = root;
            this.firstError = firstError;
            this.missing = missing;
            this.tooDeep = tooDeep;
        }
    }

    /** Parses with the shared grammar, copying the tree with the JNI cursor walk. */
    static Parsed parse(String source) {
        return parse(source, false);
    }

    /**
     * Parses with the shared grammar. {@code direct} true reads tree-sitter's memory where the start-up
     * self-check passed (tests compare both copies); false always takes the JNI cursor walk.
     */
    static Parsed parse(String source, boolean direct) {
        return parse(PyGrammar.shared(), source, direct);
    }

    static Parsed parse(PyGrammar grammar, String source, boolean direct) {
        TsSubtree.Grammar tables = direct ? grammar.directTables().orElse(null) : null;
        return parse(grammar, source, tables, grammar.parser());
    }

    private static Parsed parse(PyGrammar grammar, String source, TsSubtree.Grammar direct, TSParser parser) {
        TSTree tree = parser.parseString(null, source);
        TSNode rootNode = tree.getRootNode();
        PyTreeBuilder out = new PyTreeBuilder(
                source, rootNode.hasError(), grammar.symbolNames, grammar.symbolNamed, grammar.fieldNames);
        try {
            if (!(direct != null && TsSubtree.copy(direct, rootNode, out))) {
                copyWithCursor(rootNode, out);
            }
            return out.result();
        } finally {
            // the cleaner frees the native tree once 'tree' is unreachable: keep it alive until the walk is done
            Reference.reachabilityFence(tree);
            Reference.reachabilityFence(rootNode);
        }
    }

    /**
     * Copies the tree in one pre-order walk of the binding's cursor: per node a node object, its symbol, start
     * byte and field id; the end byte only for leaves whose end does not follow from their text
     * ({@link PyTreeBuilder#anonymousEnd}, {@link #leafEnd}). The fallback when {@link TsSubtree} cannot read
     * the tree directly: each value is a JNI call.
     */
    private static void copyWithCursor(TSNode rootNode, PyTreeBuilder out) {
        long cursor = TsNative.cursorNew(rootNode);
        try {
            String source = out.source();
            while (true) {
                TSNode n = TsNative.currentNode(cursor);
                PyNode node = out.add(TsNative.symbol(n), TsNative.startByte(n), TsNative.currentFieldId(cursor));
                if (out.seekingError()) {
                    out.checkError(node, TsNative.isMissing(n));
                }
                if (out.canDescend() && TsNative.gotoFirstChild(cursor)) {
                    out.down(node);
                    continue;
                }
                int end = out.anonymousEnd(node);
                if (end < 0 && node.named && !out.hasError()) {
                    end = leafEnd(node.type, source, node.start, node.parent);
                }
                if (end >= 0) {
                    out.leafAt(node, end);
                } else {
                    out.leaf(node, TsNative.endByte(n));
                }
                while (!TsNative.gotoNextSibling(cursor)) {
                    if (!TsNative.gotoParent(cursor)) {
                        return;
                    }
                    out.up();
                }
            }
        } finally {
            TsNative.cursorDelete(cursor);
        }
    }

    /**
     * Whether both copies of every {@link #SELF_CHECK} program are the same, node for node, when the memory walk
     * uses {@code tables}.
     */
    static boolean selfCheck(PyGrammar grammar, TsSubtree.Grammar tables) {
        try {
            TSParser parser = grammar.newParser();
            for (String sample : SELF_CHECK) {
                Parsed direct = parse(grammar, sample, tables, parser);
                Parsed jni = parse(grammar, sample, null, parser);
                if (!describe(direct).equals(describe(jni))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Every value of every node, the first error and the flags, as one comparable string. */
    static String describe(Parsed parsed) {
        StringBuilder sb = new StringBuilder();
        ArrayDeque<PyNode> stack = new ArrayDeque<>();
        stack.push(parsed.root);
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            sb.append(n.type)
                    .append('/')
                    .append(n.field)
                    .append('@')
                    .append(n.start)
                    .append('-')
                    .append(n.end)
                    .append(':')
                    .append(n.line)
                    .append('.')
                    .append(n.column)
                    .append(n.named ? 'N' : 'a')
                    .append('[')
                    .append(n.children.size())
                    .append("] ");
            for (int i = n.children.size() - 1; i >= 0; i--) {
                stack.push(n.children.get(i));
            }
        }
        return sb.append(" error ")
                .append(parsed.firstError)
                .append(" missing ")
                .append(parsed.missing)
                .append(" too deep ")
                .append(parsed.tooDeep)
                .toString();
    }

    /**
     * The end of a named leaf whose extent follows from its lexical form, or -1 to ask tree-sitter. Only for
     * trees without errors (the lexer then matched the whole token) and forms whose end is certain: ASCII
     * identifiers (greedy over letters, digits and underscores), {@code None}/{@code True}/{@code False},
     * comments (to the end of the line), and the quotes that open and close a string.
     */
    static int leafEnd(String type, String source, int start, PyNode parent) {
        switch (type) {
            case "identifier": {
                int i = start;
                while (i < source.length()) {
                    char c = source.charAt(i);
                    if (c >= 0x80) {
                        return -1;
                    }
                    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                        break;
                    }
                    i++;
                }
                return i > start ? i : -1;
            }
            case "none":
                return source.startsWith("None", start) ? start + 4 : -1;
            case "true":
                return source.startsWith("True", start) ? start + 4 : -1;
            case "false":
                return source.startsWith("False", start) ? start + 5 : -1;
            case "comment": {
                int nl = source.indexOf('\n', start);
                return nl < 0 ? source.length() : nl;
            }
            case "string_start": {
                int i = start;
                while (i < source.length() && Character.isLetter(source.charAt(i)) && source.charAt(i) < 0x80) {
                    i++;
                }
                return quoteEnd(source, i, source.startsWith("\"\"\"", i) || source.startsWith("'''", i) ? 3 : 1);
            }
            case "string_end": {
                PyNode open = parent == null || parent.children.isEmpty() ? null : parent.children.get(0);
                if (open == null || !open.is("string_start") || open.end <= open.start) {
                    return -1;
                }
                char q = source.charAt(open.end - 1);
                int len = open.end - open.start >= 3
                                && source.charAt(open.end - 2) == q
                                && source.charAt(open.end - 3) == q
                        ? 3
                        : 1;
                for (int k = 0; k < len; k++) {
                    if (start + k >= source.length() || source.charAt(start + k) != q) {
                        return -1;
                    }
                }
                return start + len;
            }
            default:
                return -1;
        }
    }

    private static int quoteEnd(String source, int at, int len) {
        if (at >= source.length() || source.charAt(at) != '"' && source.charAt(at) != '\'') {
            return -1;
        }
        return at + len;
    }

    static int[] lineStarts(String s) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** 0-based line of a char index. */
    static int lineOf(int[] lineStarts, int pos) {
        int i = Arrays.binarySearch(lineStarts, pos);
        return i >= 0 ? i : -i - 2;
    }
}
