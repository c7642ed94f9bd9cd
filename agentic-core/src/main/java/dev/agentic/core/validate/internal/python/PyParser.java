package dev.agentic.core.validate.internal.python;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
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
            SYMBOL_NAMES[i] = LANGUAGE.symbolName(i);
            SYMBOL_NAMED[i] = LANGUAGE.symbolType(i) == TSSymbolType.TSSymbolTypeRegular;
        }
        int f = LANGUAGE.fieldCount();
        FIELD_NAMES = new String[f + 1];
        for (int i = 1; i <= f; i++) {
            FIELD_NAMES[i] = LANGUAGE.fieldNameForId(i);
        }
    }

    private PyParser() {
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
        TSTree tree = PARSER.get().parseString(null, source);
        TSNode rootNode = tree.getRootNode();
        boolean hasError = rootNode.hasError();
        int[] charOfByte = charIndexByByte(source);
        int[] lineStarts = lineStarts(source);
        TSTreeCursor cursor = new TSTreeCursor(rootNode);
        PyNode root = null;
        PyNode parent = null;
        PyNode firstError = null;
        boolean missing = false;
        boolean tooDeep = false;
        int depth = 0;
        while (true) {
            TSNode n = cursor.currentNode();
            int sym = n.getSymbol();
            int start = toChar(charOfByte, n.getStartByte());
            int end = toChar(charOfByte, n.getEndByte());
            int fieldId = cursor.currentFieldId();
            int line = lineOf(lineStarts, start);
            PyNode node = new PyNode(SYMBOL_NAMES[sym], fieldId > 0 && fieldId < FIELD_NAMES.length
                    ? FIELD_NAMES[fieldId] : null, start, end, line + 1, start - lineStarts[line] + 1,
                    SYMBOL_NAMED[sym] || "ERROR".equals(SYMBOL_NAMES[sym]), parent);
            if (parent == null) {
                root = node;
            } else {
                parent.children.add(node);
            }
            if (hasError && firstError == null) {
                if (node.is("ERROR")) {
                    firstError = node;
                } else if (n.isMissing()) {
                    firstError = node;
                    missing = true;
                }
            }
            if (depth < MAX_TREE_DEPTH && cursor.gotoFirstChild()) {
                parent = node;
                depth++;
                continue;
            }
            if (depth >= MAX_TREE_DEPTH) {
                tooDeep = true;
            }
            while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent()) {
                    return new Parsed(root, firstError, missing, tooDeep);
                }
                depth--;
                node = parent;
                parent = parent.parent;
            }
        }
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
