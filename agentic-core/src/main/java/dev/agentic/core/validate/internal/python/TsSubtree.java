package dev.agentic.core.validate.internal.python;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Reads a node's symbol, byte length and missing flag straight from tree-sitter's subtree in native memory,
 * instead of three JNI calls that each rebuild the C node from six Java fields looked up by name (the
 * binding does not cache its field ids, so that marshalling costs more than the C function it wraps).
 *
 * <p>The layout is tree-sitter 0.24's (ABI 14, little-endian): a {@code Subtree} is one 8-byte word, inline
 * when bit 0 is set (symbol in byte 1, size in byte 7, missing in bit 5), otherwise a pointer to the heap
 * data (size bytes at +16, symbol at +40, missing is bit 9 of the 16 bits at +44); an alias is the node's
 * {@code context[3]}. {@link #verify} compares every read with the binding's own functions over sample
 * programs (aliases, inline and heap subtrees, ERROR and MISSING nodes); {@link PyParser} uses the reads only
 * when that check passed, and the JNI calls otherwise. Memory safety: callers read only nodes of a tree they
 * keep reachable until the reads are done. Stateless and thread-safe. Never instantiated.
 */
final class TsSubtree {
    private static final MethodHandle GET_LONG;
    private static final MethodHandle GET_INT;
    private static final MethodHandle GET_SHORT;
    private static final VarHandle ID;
    private static final VarHandle ALIAS;

    static {
        MethodHandle getLong = null;
        MethodHandle getInt = null;
        MethodHandle getShort = null;
        VarHandle id = null;
        VarHandle alias = null;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            getLong = lookup.findVirtual(unsafeClass, "getLong", MethodType.methodType(long.class, long.class))
                    .bindTo(unsafe);
            getInt = lookup.findVirtual(unsafeClass, "getInt", MethodType.methodType(int.class, long.class))
                    .bindTo(unsafe);
            getShort = lookup.findVirtual(unsafeClass, "getShort", MethodType.methodType(short.class, long.class))
                    .bindTo(unsafe);
            MethodHandles.Lookup nodes = MethodHandles.privateLookupIn(TSNode.class, lookup);
            id = nodes.findVarHandle(TSNode.class, "idPtr", long.class);
            alias = nodes.findVarHandle(TSNode.class, "context3", int.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            getLong = null;
        }
        // From JDK 24 on, sun.misc.Unsafe's memory access prints a deprecation warning on first use (JEP 498);
        // a library must not print to its host's console, so newer JDKs take the JNI path.
        boolean usable = getLong != null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                && TSParser.TREE_SITTER_LANGUAGE_VERSION == 14 && Runtime.version().feature() < 24;
        GET_LONG = usable ? getLong : null;
        GET_INT = usable ? getInt : null;
        GET_SHORT = usable ? getShort : null;
        ID = usable ? id : null;
        ALIAS = usable ? alias : null;
    }

    private TsSubtree() {
    }

    /** The subtree word of a node (its inline data or heap pointer). */
    static long word(TSNode node) {
        return readLong((long) ID.get(node));
    }

    /** The node's symbol as {@code ts_node_symbol} reports it, up to the public-symbol mapping. */
    static int symbol(TSNode node, long word) {
        int alias = (int) ALIAS.get(node);
        if (alias != 0) {
            return alias;
        }
        if ((word & 1) != 0) {
            return (int) (word >>> 8) & 0xFF;
        }
        return readShort(word + 40) & 0xFFFF;
    }

    /** Length in bytes ({@code ts_node_end_byte - ts_node_start_byte}). */
    static int size(long word) {
        if ((word & 1) != 0) {
            return (int) (word >>> 56) & 0xFF;
        }
        return readInt(word + 16);
    }

    /**
     * The top entry of a binding cursor's stack. The binding's cursor handle points to a copy of
     * tree-sitter's {@code TreeCursor}: tree at +0, stack contents at +8 and size at +16, root alias at +24;
     * an entry is 32 bytes: subtree pointer at +0, start byte at +8, structural child index at +24.
     */
    static long entry(long cursor) {
        return readLong(cursor + 8) + 32L * (readInt(cursor + 16) - 1);
    }

    /** The subtree word of the cursor's current node. */
    static long entryWord(long entry) {
        return readLong(readLong(entry));
    }

    /** The current node's start byte ({@code ts_node_start_byte}). */
    static int entryStart(long entry) {
        return readInt(entry + 8);
    }

    /**
     * The current node's symbol as {@code ts_tree_cursor_current_node} then {@code ts_node_symbol} give it:
     * an extra node has no alias; otherwise the alias comes from the parent's production ({@code production_id}
     * at +66 of its heap data) in the language's alias sequences (pointer at +128, row length at +36).
     */
    static int entrySymbol(long cursor, long entry, long word) {
        boolean extra = (word & 1) != 0 ? (word & 8) != 0 : (readShort(word + 44) & 4) != 0;
        int alias = 0;
        if (!extra) {
            if (readInt(cursor + 16) > 1) {
                int production = readShort(readLong(readLong(entry - 32)) + 66) & 0xFFFF;
                if (production != 0) {
                    long language = readLong(readLong(cursor) + 8);
                    int row = readShort(language + 36) & 0xFFFF;
                    alias = readShort(readLong(language + 128) + 2L * ((long) production * row + readInt(entry + 24)))
                            & 0xFFFF;
                }
            } else {
                alias = readShort(cursor + 24) & 0xFFFF;
            }
        }
        if (alias != 0) {
            return alias;
        }
        return (word & 1) != 0 ? (int) (word >>> 8) & 0xFF : readShort(word + 40) & 0xFFFF;
    }

    /** Whether the subtree has no children (inline subtrees never have any; heap: child count at +36). */
    static boolean childless(long word) {
        return (word & 1) != 0 || readInt(word + 36) == 0;
    }

    static boolean missing(long word) {
        if ((word & 1) != 0) {
            return (word & 0x20) != 0;
        }
        return (readShort(word + 44) & 0x200) != 0;
    }

    private static long readLong(long address) {
        try {
            return (long) GET_LONG.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("reading a tree-sitter node failed", t);
        }
    }

    private static int readInt(long address) {
        try {
            return (int) GET_INT.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("reading a tree-sitter node failed", t);
        }
    }

    private static short readShort(long address) {
        try {
            return (short) GET_SHORT.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("reading a tree-sitter node failed", t);
        }
    }

    /**
     * Whether the direct reads agree with the binding's functions on every node of the samples parsed with
     * this language; false when the reads are unavailable or any value differs (or anything fails).
     */
    static boolean verify(TSLanguage language, String[] symbolNames, boolean[] symbolNamed, String... samples) {
        if (GET_LONG == null) {
            return false;
        }
        try {
            TSParser parser = new TSParser();
            parser.setLanguage(language);
            for (String sample : samples) {
                TSTree tree = parser.parseString(null, sample);
                try {
                    if (!verifyTree(tree.getRootNode(), symbolNames, symbolNamed)) {
                        return false;
                    }
                } finally {
                    Reference.reachabilityFence(tree);
                }
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean verifyTree(TSNode root, String[] symbolNames, boolean[] symbolNamed) {
        long cursor = TsNative.cursorNew(root);
        try {
            while (true) {
                TSNode n = TsNative.currentNode(cursor);
                long w = (long) ID.get(n);
                if (w == 0 || (w & 7) != 0) {
                    return false;
                }
                w = word(n);
                if ((w & 1) == 0 && (w == 0 || (w & 7) != 0)) {
                    return false;
                }
                int expected = TsNative.symbol(n);
                int actual = symbol(n, w);
                long entry = entry(cursor);
                if (entryWord(entry) != w || entryStart(entry) != TsNative.startByte(n)
                        || entrySymbol(cursor, entry, w) != actual) {
                    return false;
                }
                if (actual != expected && !sameSymbol(symbolNames, symbolNamed, actual, expected)
                        || TsNative.startByte(n) + size(w) != TsNative.endByte(n)
                        || missing(w) != TsNative.isMissing(n)) {
                    return false;
                }
                boolean childless = childless(w);
                if (TsNative.gotoFirstChild(cursor)) {
                    if (childless) {
                        return false;
                    }
                    continue;
                }
                while (!TsNative.gotoNextSibling(cursor)) {
                    if (!TsNative.gotoParent(cursor)) {
                        return true;
                    }
                }
            }
        } finally {
            TsNative.cursorDelete(cursor);
        }
    }

    /** tree-sitter maps duplicate symbols to one public id; both carry the same name and kind. */
    private static boolean sameSymbol(String[] names, boolean[] named, int a, int b) {
        return a >= 0 && b >= 0 && a < names.length && b < names.length && names[a].equals(names[b])
                && named[a] == named[b];
    }
}
