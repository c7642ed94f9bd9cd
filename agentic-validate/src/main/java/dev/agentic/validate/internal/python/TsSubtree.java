package dev.agentic.validate.internal.python;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;

/**
 * Copies a parsed tree by reading tree-sitter's memory directly: the same pre-order walk over visible nodes
 * that tree-sitter's cursor makes, without a native call per node. Through the binding every cursor move,
 * field id and node value is a JNI call into a library built without optimisation; reading the subtrees
 * costs a few loads each.
 *
 * <p>The layout is tree-sitter 0.24's (ABI 14, 64-bit little-endian). A {@code Subtree} is one 8-byte word,
 * inline when bit 0 is set (visible bit 1, extra bit 3, missing bit 5, symbol in byte 1, padding in byte 6,
 * size in byte 7); otherwise a pointer to heap data (padding bytes at +4, size bytes at +16, child count at
 * +36, symbol at +40, flags at +44: visible bit 0, extra bit 2, missing bit 9; for parents the visible child
 * count at +48 and the production id at +66), with the child words stored just before it. The language gives
 * the field map and the alias sequences per production. Used only by validators that opted in
 * ({@code Validators.PythonBuilder#unsafeTreeCopy}): a wrong offset can crash the JVM. Before the first use,
 * {@link PyGrammar#directTables()} checks that this walk copies sample programs exactly as the JNI cursor walk
 * does, and uses it only then; nothing here runs, not even the lookup of {@code sun.misc.Unsafe}, for a
 * validator that did not opt in.
 *
 * <p>Memory safety: callers copy only trees they keep reachable until the copy returns. Stateless apart from
 * immutable tables; thread-safe. Never instantiated.
 */
final class TsSubtree {
    private static final MethodHandle GET_LONG;
    private static final MethodHandle GET_INT;
    private static final MethodHandle GET_SHORT;
    private static final VarHandle NODE_ID;
    private static final VarHandle NODE_TREE;
    private static final VarHandle NODE_START;
    private static final VarHandle NODE_ALIAS;
    private static final VarHandle LANGUAGE_PTR;

    static {
        MethodHandle getLong = null;
        MethodHandle getInt = null;
        MethodHandle getShort = null;
        VarHandle[] handles = new VarHandle[5];
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
            handles[0] = nodes.findVarHandle(TSNode.class, "idPtr", long.class);
            handles[1] = nodes.findVarHandle(TSNode.class, "treePtr", long.class);
            handles[2] = nodes.findVarHandle(TSNode.class, "context0", int.class);
            handles[3] = nodes.findVarHandle(TSNode.class, "context3", int.class);
            handles[4] = MethodHandles.privateLookupIn(TSLanguage.class, lookup)
                    .findVarHandle(TSLanguage.class, "ptr", long.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            getLong = null;
        }
        // From JDK 24 on, sun.misc.Unsafe's memory access prints a deprecation warning on first use (JEP 498);
        // a library must not print to its host's console, so newer JDKs take the JNI path.
        boolean usable = getLong != null
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                && TSParser.TREE_SITTER_LANGUAGE_VERSION == 14
                && Runtime.version().feature() < 24
                && "64".equals(System.getProperty("sun.arch.data.model"));
        GET_LONG = usable ? getLong : null;
        GET_INT = usable ? getInt : null;
        GET_SHORT = usable ? getShort : null;
        NODE_ID = handles[0];
        NODE_TREE = handles[1];
        NODE_START = handles[2];
        NODE_ALIAS = handles[3];
        LANGUAGE_PTR = handles[4];
    }

    private TsSubtree() {}

    /**
     * The tables of {@code language} the walk needs, or null when direct reads are unavailable here or the
     * language's header does not match what the binding reports (version, symbol and field counts).
     */
    static Grammar grammar(TSLanguage language) {
        if (GET_LONG == null) {
            return null;
        }
        try {
            long address = (long) LANGUAGE_PTR.get(language);
            if (address == 0
                    || readInt(address) != language.version()
                    || language.version() != 14
                    || readInt(address + 4) + readInt(address + 8) != language.symbolCount()
                    || readInt(address + 32) != language.fieldCount()) {
                return null;
            }
            return new Grammar(address);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * What the walk reads from a language, copied once: per production, the alias of each structural child
     * and the field of each child (the first entry that is not inherited, as tree-sitter looks it up).
     */
    static final class Grammar {
        final long address;
        private final int aliasRow;
        private final char[] aliases;
        private final int[][] fields;

        private Grammar(long language) {
            this.address = language;
            int productions = readInt(language + 28);
            int fieldCount = readInt(language + 32);
            this.aliasRow = readShort(language + 36) & 0xFFFF;
            this.aliases = new char[productions * aliasRow];
            long aliasSequences = readLong(language + 128);
            for (int i = 0; i < aliases.length && aliasSequences != 0; i++) {
                aliases[i] = (char) readShort(aliasSequences + 2L * i);
            }
            this.fields = new int[productions][];
            long slices = readLong(language + 88);
            long entries = readLong(language + 96);
            for (int p = 0; p < productions && fieldCount > 0; p++) {
                int slice = readInt(slices + 4L * p);
                int first = slice & 0xFFFF;
                int length = slice >>> 16;
                int[] row = new int[0];
                for (int e = first; e < first + length; e++) {
                    int entry = readInt(entries + 4L * e);
                    int child = (entry >>> 16) & 0xFF;
                    if ((entry >>> 24) != 0) {
                        continue;
                    }
                    if (child >= row.length) {
                        row = Arrays.copyOf(row, child + 1);
                    }
                    if (row[child] == 0) {
                        row[child] = entry & 0xFFFF;
                    }
                }
                fields[p] = row;
            }
        }

        int alias(int production, int structuralIndex) {
            if (production == 0 || structuralIndex >= aliasRow || production >= fields.length) {
                return 0;
            }
            return aliases[production * aliasRow + structuralIndex];
        }

        int field(int production, int structuralIndex) {
            int[] row = production < fields.length ? fields[production] : null;
            return row == null || structuralIndex >= row.length ? 0 : row[structuralIndex];
        }
    }

    /**
     * Copies the tree under {@code root} (a tree's root node) into {@code out}, in the order and with the
     * values of tree-sitter's cursor: a child is visible when its subtree is or the parent's production aliases
     * it; a hidden child with visible descendants is walked through; a field comes from the parent's
     * production, else from the hidden ancestors up to the nearest visible one; extras have neither alias nor
     * field. False (and nothing copied) when the tree is not of {@code grammar}'s language.
     */
    static boolean copy(Grammar grammar, TSNode root, PyTreeBuilder out) {
        long tree = (long) NODE_TREE.get(root);
        if (tree == 0 || readLong(tree + 8) != grammar.address) {
            return false;
        }
        long word = readLong((long) NODE_ID.get(root));
        int start = (int) NODE_START.get(root);
        int alias = extra(word) ? 0 : (int) NODE_ALIAS.get(root);
        PyNode node = out.add(alias != 0 ? alias : symbol(word), start, 0);
        if (out.seekingError()) {
            out.checkError(node, missing(word));
        }
        if (!out.canDescend() || !hasVisibleChild(grammar, word)) {
            out.leaf(node, start + size(word));
            return true;
        }
        out.down(node);
        Frames frames = new Frames();
        frames.push(word, start, 0, true);
        while (frames.size > 0) {
            int f = frames.size - 1;
            long parent = frames.word[f];
            int count = frames.childCount[f];
            int i = frames.childIndex[f];
            if (i == count) {
                if (frames.visible[f]) {
                    out.up();
                }
                frames.size--;
                continue;
            }
            frames.childIndex[f] = i + 1;
            long child = readLong(parent - 8L * (count - i));
            int childStart = i == 0 ? frames.position[f] : frames.position[f] + padding(child);
            frames.position[f] = childStart + size(child);
            boolean extra = extra(child);
            boolean visible = visible(child);
            alias = 0;
            int field = 0;
            if (!extra) {
                int production = frames.production[f];
                int structural = frames.structural[f]++;
                alias = grammar.alias(production, structural);
                visible |= alias != 0;
                field = grammar.field(production, structural);
                if (field == 0) {
                    field = frames.inheritedField[f];
                }
            }
            if (visible) {
                node = out.add(alias != 0 ? alias : symbol(child), childStart, field);
                if (out.seekingError()) {
                    out.checkError(node, missing(child));
                }
                if (out.canDescend() && hasVisibleChild(grammar, child)) {
                    out.down(node);
                    frames.push(child, childStart, 0, true);
                } else {
                    out.leaf(node, childStart + size(child));
                }
            } else if (visibleChildCount(child) > 0) {
                frames.push(child, childStart, field, false);
            }
        }
        return true;
    }

    /** Whether the cursor's first-child move succeeds: some child is visible or has visible children. */
    private static boolean hasVisibleChild(Grammar grammar, long word) {
        int count = childCount(word);
        int production = count > 0 ? productionId(word) : 0;
        int structural = 0;
        for (int i = 0; i < count; i++) {
            long child = readLong(word - 8L * (count - i));
            boolean visible = visible(child);
            if (!extra(child)) {
                visible |= grammar.alias(production, structural++) != 0;
            }
            if (visible || visibleChildCount(child) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The walk's stack: one frame per parent being walked, visible or hidden. */
    private static final class Frames {
        int size;
        long[] word = new long[64];
        int[] childCount = new int[64];
        int[] childIndex = new int[64];
        int[] structural = new int[64];
        int[] production = new int[64];
        /** Where the previous child ended (or, before the first child, where the parent starts). */
        int[] position = new int[64];
        /** For a hidden parent: the field its visible descendants without a field of their own carry. */
        int[] inheritedField = new int[64];

        boolean[] visible = new boolean[64];

        void push(long parent, int start, int field, boolean isVisible) {
            if (size == word.length) {
                int n = size * 2;
                word = Arrays.copyOf(word, n);
                childCount = Arrays.copyOf(childCount, n);
                childIndex = Arrays.copyOf(childIndex, n);
                structural = Arrays.copyOf(structural, n);
                production = Arrays.copyOf(production, n);
                position = Arrays.copyOf(position, n);
                inheritedField = Arrays.copyOf(inheritedField, n);
                visible = Arrays.copyOf(visible, n);
            }
            word[size] = parent;
            childCount[size] = childCount(parent);
            childIndex[size] = 0;
            structural[size] = 0;
            production[size] = productionId(parent);
            position[size] = start;
            inheritedField[size] = field;
            visible[size] = isVisible;
            size++;
        }
    }

    private static boolean inline(long word) {
        return (word & 1) != 0;
    }

    private static int symbol(long word) {
        return inline(word) ? (int) (word >>> 8) & 0xFF : readShort(word + 40) & 0xFFFF;
    }

    private static boolean visible(long word) {
        return inline(word) ? (word & 2) != 0 : (readShort(word + 44) & 1) != 0;
    }

    private static boolean extra(long word) {
        return inline(word) ? (word & 8) != 0 : (readShort(word + 44) & 4) != 0;
    }

    private static boolean missing(long word) {
        return inline(word) ? (word & 0x20) != 0 : (readShort(word + 44) & 0x200) != 0;
    }

    private static int size(long word) {
        return inline(word) ? (int) (word >>> 56) & 0xFF : readInt(word + 16);
    }

    private static int padding(long word) {
        return inline(word) ? (int) (word >>> 48) & 0xFF : readInt(word + 4);
    }

    private static int childCount(long word) {
        return inline(word) ? 0 : readInt(word + 36);
    }

    private static int visibleChildCount(long word) {
        return childCount(word) > 0 ? readInt(word + 48) : 0;
    }

    private static int productionId(long word) {
        return childCount(word) > 0 ? readShort(word + 66) & 0xFFFF : 0;
    }

    private static long readLong(long address) {
        try {
            return (long) GET_LONG.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("reading a tree-sitter tree failed", t);
        }
    }

    private static int readInt(long address) {
        try {
            return (int) GET_INT.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("reading a tree-sitter tree failed", t);
        }
    }

    private static short readShort(long address) {
        try {
            return (short) GET_SHORT.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("reading a tree-sitter tree failed", t);
        }
    }
}
