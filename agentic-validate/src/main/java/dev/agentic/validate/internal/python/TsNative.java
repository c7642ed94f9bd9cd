package dev.agentic.validate.internal.python;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.treesitter.TSNode;
import org.treesitter.TSParser;

/**
 * Direct access to the binding's protected static tree-sitter functions. The public {@link TSNode} methods
 * make a second native call per use (a null check) and {@code TSTreeCursor} frees its native cursor only
 * through the cleaner; calling the functions directly halves the native calls of the tree copy and lets
 * {@link PyParser} delete each cursor as soon as the walk ends. Never instantiated.
 */
final class TsNative extends TSParser {
    /**
     * The node's start byte is already in the Java object (tree-sitter's {@code context[0]}, which is what
     * {@code ts_node_start_byte} returns); reading the field saves a native call per node. Null when the
     * binding's layout differs, and then the native function is used.
     */
    private static final VarHandle START_BYTE = startByteField();

    private TsNative() {}

    private static VarHandle startByteField() {
        try {
            return MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup())
                    .findVarHandle(TSNode.class, "context0", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static long cursorNew(TSNode node) {
        return ts_tree_cursor_new(node);
    }

    static void cursorDelete(long cursor) {
        ts_tree_cursor_delete(cursor);
    }

    static TSNode currentNode(long cursor) {
        return ts_tree_cursor_current_node(cursor);
    }

    static int currentFieldId(long cursor) {
        return ts_tree_cursor_current_field_id(cursor);
    }

    static boolean gotoFirstChild(long cursor) {
        return ts_tree_cursor_goto_first_child(cursor);
    }

    static boolean gotoNextSibling(long cursor) {
        return ts_tree_cursor_goto_next_sibling(cursor);
    }

    static boolean gotoParent(long cursor) {
        return ts_tree_cursor_goto_parent(cursor);
    }

    static int symbol(TSNode node) {
        return ts_node_symbol(node);
    }

    static int startByte(TSNode node) {
        if (START_BYTE != null) {
            return (int) START_BYTE.get(node);
        }
        return ts_node_start_byte(node);
    }

    static int endByte(TSNode node) {
        return ts_node_end_byte(node);
    }

    static boolean isMissing(TSNode node) {
        return ts_node_is_missing(node);
    }
}
