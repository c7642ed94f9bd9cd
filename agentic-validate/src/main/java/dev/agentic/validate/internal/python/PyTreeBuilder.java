package dev.agentic.validate.internal.python;

import java.nio.charset.StandardCharsets;

/**
 * Builds the {@link PyNode} tree from a pre-order walk over tree-sitter's visible nodes, whichever walk
 * supplies them ({@link PyParser}'s cursor walk or {@link TsSubtree}'s memory walk), so that both produce
 * the same nodes by construction: types from the symbol table, byte offsets turned into char indexes,
 * 1-based line and column, a parent's end taken from its last child, the first ERROR or MISSING node, and
 * the depth limit. Not thread-safe; one per parse.
 */
final class PyTreeBuilder {
    private final String source;
    private final boolean hasError;
    private final String[] symbolNames;
    private final boolean[] symbolNamed;
    private final String[] fieldNames;
    /** Null when the source is ASCII (byte offset == char index). */
    private final int[] charOfByte;

    private final int[] lineStarts;
    /** 0-based line of the last node added: starts never decrease in pre-order, so lines only move forward. */
    private int line;

    private PyNode root;
    private PyNode parent;
    private PyNode firstError;
    private boolean missing;
    private boolean tooDeep;
    private int depth;

    PyTreeBuilder(String source, boolean hasError, String[] symbolNames, boolean[] symbolNamed, String[] fieldNames) {
        this.source = source;
        this.hasError = hasError;
        this.symbolNames = symbolNames;
        this.symbolNamed = symbolNamed;
        this.fieldNames = fieldNames;
        this.charOfByte = charIndexByByte(source);
        this.lineStarts = PyParser.lineStarts(source);
    }

    /** Adds the next visible node in pre-order as the last child of the current parent (the root first). */
    PyNode add(int symbol, int startByte, int fieldId) {
        int start = toChar(startByte);
        if (lineStarts[line] > start) {
            line = PyParser.lineOf(lineStarts, start);
        }
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= start) {
            line++;
        }
        // the error symbol is (TSSymbol) -1, outside the language's symbol table
        boolean known = symbol >= 0 && symbol < symbolNames.length;
        String type = known ? symbolNames[symbol] : "ERROR";
        boolean named = !known || symbolNamed[symbol] || "ERROR".equals(type);
        String field = fieldId > 0 && fieldId < fieldNames.length ? fieldNames[fieldId] : null;
        PyNode node = new PyNode(type, field, start, -1, line + 1, start - lineStarts[line] + 1, named, parent);
        if (parent == null) {
            root = node;
        } else {
            parent.addChild(node);
        }
        return node;
    }

    /** Whether the first ERROR or MISSING node is still to be found (callers ask for the missing flag then). */
    boolean seekingError() {
        return hasError && firstError == null;
    }

    /** Records {@code node} as the first error when it is an ERROR node or a MISSING one. */
    void checkError(PyNode node, boolean isMissing) {
        if (node.is("ERROR")) {
            firstError = node;
        } else if (isMissing) {
            firstError = node;
            missing = true;
        }
    }

    /** Whether a node added now may get children; deeper ones are copied as leaves and mark the tree too deep. */
    boolean canDescend() {
        return depth < PyParser.MAX_TREE_DEPTH;
    }

    /** The node just added has children: the following nodes go below it until {@link #up}. */
    void down(PyNode node) {
        parent = node;
        depth++;
    }

    /** The current parent has no more children: it ends where its last child ends. */
    void up() {
        parent.end = parent.children.get(parent.children.size() - 1).end;
        parent = parent.parent;
        depth--;
    }

    /**
     * The node just added is copied without children and ends at {@code endByte}; an anonymous token in a tree
     * without errors ends after its own text, as the lexer matched it.
     */
    void leaf(PyNode node, int endByte) {
        node.end = anonymousEnd(node);
        if (node.end < 0) {
            node.end = toChar(endByte);
        }
        if (depth >= PyParser.MAX_TREE_DEPTH) {
            tooDeep = true;
        }
    }

    /** The end of an anonymous token whose type is its text (no native call needed), or -1. */
    int anonymousEnd(PyNode node) {
        return !node.named && !hasError && source.startsWith(node.type, node.start)
                ? node.start + node.type.length()
                : -1;
    }

    /** Marks a leaf's end found without its end byte (see {@link PyParser#leafEnd}). */
    void leafAt(PyNode node, int end) {
        node.end = end;
        if (depth >= PyParser.MAX_TREE_DEPTH) {
            tooDeep = true;
        }
    }

    boolean hasError() {
        return hasError;
    }

    String source() {
        return source;
    }

    PyParser.Parsed result() {
        return new PyParser.Parsed(root, firstError, missing, tooDeep);
    }

    int toChar(int byteOffset) {
        return charOfByte == null ? byteOffset : charOfByte[Math.min(byteOffset, charOfByte.length - 1)];
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
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
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
}
