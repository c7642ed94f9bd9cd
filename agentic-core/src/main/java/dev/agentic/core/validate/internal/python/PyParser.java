package dev.agentic.core.validate.internal.python;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Parses Python source with tree-sitter and copies the tree into {@link PyNode}s in one cursor walk.
 *
 * <p>Thread-safe: a {@link TSParser} is not, so each thread uses its own (a {@link ThreadLocal}). Native
 * memory: the parser lives as long as its thread; each {@link TSTree} is dropped when {@link #parse} returns
 * and freed by the binding's cleaner, so nothing native outlives a call except the per-thread parser.
 */
final class PyParser {
    /** Deeper trees are not analysed (the walker recurses); Python itself rejects far shallower nesting. */
    static final int MAX_TREE_DEPTH = 800;

    private static final TSLanguage LANGUAGE = new TreeSitterPython();
    private static final String[] SYMBOL_NAMES;
    private static final boolean[] SYMBOL_NAMED;
    private static final String[] FIELD_NAMES;
    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
        TSParser p = new TSParser();
        p.setLanguage(LANGUAGE);
        return p;
    });

    static {
        int n = LANGUAGE.symbolCount();
        SYMBOL_NAMES = new String[n];
        SYMBOL_NAMED = new boolean[n];
        for (int i = 0; i < n; i++) {
            // interned: the analysis compares them with literals, and equal references compare fastest
            SYMBOL_NAMES[i] = LANGUAGE.symbolName(i).intern();
            SYMBOL_NAMED[i] = LANGUAGE.symbolType(i) == TSSymbolType.TSSymbolTypeRegular;
        }
        int f = LANGUAGE.fieldCount();
        FIELD_NAMES = new String[f + 1];
        for (int i = 1; i <= f; i++) {
            FIELD_NAMES[i] = LANGUAGE.fieldNameForId(i).intern();
        }
    }

    /**
     * Programs whose trees {@link TsSubtree#verify} checks: keyword identifiers (aliases), long and short
     * tokens (heap and inline subtrees), strings, non-ASCII text, and ERROR and MISSING nodes.
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
    /** Whether {@link TsSubtree} reads agree with the binding here; otherwise each value is a JNI call. */
    private static final boolean DIRECT = TsSubtree.verify(LANGUAGE, SYMBOL_NAMES, SYMBOL_NAMED, SELF_CHECK);

    private PyParser() {
    }

    /** Whether the tree copy reads tree-sitter's memory directly (see {@link TsSubtree}). */
    static boolean directReads() {
        return DIRECT;
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

    static Parsed parse(String source) {
        return parse(source, DIRECT);
    }

    /** {@code direct} false forces the JNI path (tests compare both); true only when the self-check passed. */
    static Parsed parse(String source, boolean direct) {
        TSTree tree = PARSER.get().parseString(null, source);
        TSNode rootNode = tree.getRootNode();
        boolean hasError = rootNode.hasError();
        long cursor = TsNative.cursorNew(rootNode);
        try {
            return copy(cursor, source, hasError, direct && DIRECT);
        } finally {
            TsNative.cursorDelete(cursor);
            // the cleaner frees the native tree once 'tree' is unreachable: keep it alive until the walk is done
            Reference.reachabilityFence(tree);
            Reference.reachabilityFence(rootNode);
        }
    }

    /**
     * Copies the tree in one pre-order cursor walk. Per node: symbol, start byte and field; the end byte only
     * for leaves (a parent ends where its last child ends). With direct reads ({@link TsSubtree}) the only
     * native calls per node are the cursor moves and the field id, and leaves skip the first-child call;
     * without them each node costs a node object and up to three more JNI calls, and the end of keywords,
     * punctuation and common named leaves comes from the source ({@link #leafEnd}).
     */
    private static Parsed copy(long cursor, String source, boolean hasError, boolean direct) {
        int[] charOfByte = charIndexByByte(source);
        int[] lineStarts = lineStarts(source);
        PyNode root = null;
        PyNode parent = null;
        PyNode firstError = null;
        boolean missing = false;
        boolean tooDeep = false;
        int depth = 0;
        while (true) {
            // direct: read the cursor's current entry; otherwise a node object per node and JNI calls on it
            TSNode n = direct ? null : TsNative.currentNode(cursor);
            long entry = direct ? TsSubtree.entry(cursor) : 0;
            long word = direct ? TsSubtree.entryWord(entry) : 0;
            int sym = direct ? TsSubtree.entrySymbol(cursor, entry, word) : TsNative.symbol(n);
            int startByte = direct ? TsSubtree.entryStart(entry) : TsNative.startByte(n);
            int start = toChar(charOfByte, startByte);
            int fieldId = TsNative.currentFieldId(cursor);
            int line = lineOf(lineStarts, start);
            // the error symbol is (TSSymbol) -1, outside the language's symbol table
            boolean known = sym >= 0 && sym < SYMBOL_NAMES.length;
            String type = known ? SYMBOL_NAMES[sym] : "ERROR";
            boolean named = !known || SYMBOL_NAMED[sym] || "ERROR".equals(type);
            // a childless subtree has no first child: skip the native call for every leaf
            boolean hasChild = depth < MAX_TREE_DEPTH && !(direct && TsSubtree.childless(word))
                    && TsNative.gotoFirstChild(cursor);
            int end;
            if (hasChild) {
                end = -1;
            } else if (!named && !hasError && source.startsWith(type, start)) {
                end = start + type.length();
            } else if (direct) {
                end = toChar(charOfByte, startByte + TsSubtree.size(word));
            } else if (named && !hasError && (end = leafEnd(type, source, start, parent)) >= 0) {
                // the end follows from the token's own lexical form: no native call
            } else {
                end = toChar(charOfByte, TsNative.endByte(n));
            }
            PyNode node = new PyNode(type, fieldId > 0 && fieldId < FIELD_NAMES.length ? FIELD_NAMES[fieldId] : null,
                    start, end, line + 1, start - lineStarts[line] + 1, named, parent);
            if (parent == null) {
                root = node;
            } else {
                parent.children.add(node);
            }
            if (hasError && firstError == null) {
                if (node.is("ERROR")) {
                    firstError = node;
                } else if (direct ? TsSubtree.missing(word) : TsNative.isMissing(n)) {
                    firstError = node;
                    missing = true;
                }
            }
            if (hasChild) {
                parent = node;
                depth++;
                continue;
            }
            if (depth >= MAX_TREE_DEPTH) {
                tooDeep = true;
            }
            while (!TsNative.gotoNextSibling(cursor)) {
                if (!TsNative.gotoParent(cursor)) {
                    return new Parsed(root, firstError, missing, tooDeep);
                }
                depth--;
                parent.end = parent.children.get(parent.children.size() - 1).end;
                parent = parent.parent;
            }
        }
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
                int len = open.end - open.start >= 3 && source.charAt(open.end - 2) == q
                        && source.charAt(open.end - 3) == q ? 3 : 1;
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

    private static int toChar(int[] charOfByte, int b) {
        return charOfByte == null ? b : charOfByte[Math.min(b, charOfByte.length - 1)];
    }

    /** Null when the source is ASCII (byte offset == char index). */
    private static int[] charIndexByByte(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return null;
        }
        int[] map = new int[s.getBytes(StandardCharsets.UTF_8).length + 1];
        int b = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int len;
            if (c < 0x80) {
                len = 1;
            } else if (c < 0x800) {
                len = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                len = 4;
            } else if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                continue;
            } else {
                len = 3;
            }
            for (int k = 0; k < len && b + k < map.length; k++) {
                map[b + k] = i;
            }
            b += len;
        }
        map[map.length - 1] = s.length();
        return map;
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
