package dev.agentic.validate.internal.python;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a parsed Python program, copied out of the tree-sitter tree so that analysis makes no native
 * calls. Positions are char indexes into the (line-ending normalised) source; line and column are 1-based.
 * Built and read by one thread; not shared.
 */
final class PyNode {
    final String type;
    final String field;
    final int start;
    /** Set when the node's last child has been copied (see {@link PyParser}). */
    int end;

    final int line;
    final int column;
    final boolean named;
    final PyNode parent;
    /** In source order; read-only for the analysis. Leaves (most nodes) share one empty list. */
    List<PyNode> children = List.of();
    /** The identifier name once {@link PyText#name} has computed it. */
    String name;

    PyNode(String type, String field, int start, int end, int line, int column, boolean named, PyNode parent) {
        this.type = type;
        this.field = field;
        this.start = start;
        this.end = end;
        this.line = line;
        this.column = column;
        this.named = named;
        this.parent = parent;
    }

    /** Appends a child while the tree is copied. */
    void addChild(PyNode child) {
        if (children.isEmpty()) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }

    boolean is(String t) {
        return type.equals(t);
    }

    /** First child with this field name, or null. */
    PyNode child(String fieldName) {
        for (PyNode c : children) {
            if (fieldName.equals(c.field)) {
                return c;
            }
        }
        return null;
    }

    /** Named children without a field name or with any field, in order. */
    List<PyNode> namedChildren() {
        List<PyNode> out = new ArrayList<>(children.size());
        for (PyNode c : children) {
            if (c.named && !c.is("comment")) {
                out.add(c);
            }
        }
        return out;
    }

    /** Children carrying this field name, in order. */
    List<PyNode> children(String fieldName) {
        List<PyNode> out = new ArrayList<>(2);
        for (PyNode c : children) {
            if (fieldName.equals(c.field)) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return type + "@" + line + ":" + column;
    }
}
