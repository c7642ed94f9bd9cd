package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The validator's one walk over a compilation unit: every node in pre-order ({@link Node#walk} order, with an
 * explicit stack, so deep code cannot overflow the thread's stack), handed to a visitor as it is reached, and
 * the nesting check on the way. Used by {@link SourceModel}, whose visitor builds the symbol table. Not
 * thread-safe; one per validation.
 */
final class NestingWalk {
    /** Every node of the unit in pre-order. */
    final List<Node> nodes;
    /** The outermost too-deep node around the last too-deep node in pre-order, or null. */
    final Node tooDeep;
    /** The nesting depth of {@link #tooDeep}. */
    final int tooDeepDepth;

    /** Walks {@code unit}, handing each node to {@code visitor}; {@code maxNesting} is the deepest allowed. */
    NestingWalk(CompilationUnit unit, int maxNesting, Consumer<Node> visitor) {
        // pre-order with an explicit stack: the same order as Node.walk, with each node's nesting depth
        List<Node> order = new ArrayList<>(1024);
        Node[] stack = new Node[64];
        int[] depths = new int[64];
        boolean[] underDeep = new boolean[64];
        Node deep = null;
        int deepDepth = 0;
        int size = 1;
        stack[0] = unit;
        while (size > 0) {
            size--;
            Node node = stack[size];
            int depth = depths[size];
            boolean parentDeep = underDeep[size];
            stack[size] = null;
            order.add(node);
            visitor.accept(node);
            if (depth > maxNesting && !parentDeep) {
                deep = node;
                deepDepth = depth;
            }
            List<Node> children = node.getChildNodes();
            if (size + children.size() > stack.length) {
                int n = Math.max(stack.length * 2, size + children.size());
                stack = Arrays.copyOf(stack, n);
                depths = Arrays.copyOf(depths, n);
                underDeep = Arrays.copyOf(underDeep, n);
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                Node child = children.get(i);
                stack[size] = child;
                depths[size] = nesting(node, child) ? depth + 1 : depth;
                underDeep[size] = depth > maxNesting;
                size++;
            }
        }
        this.nodes = order;
        this.tooDeep = deep;
        this.tooDeepDepth = deepDepth;
    }

    /**
     * Whether {@code child} is one level deeper than {@code parent}. Depth counts statements, declarations and
     * expressions, but not the links of a call chain or of a {@code +} chain, so long fluent builders and
     * concatenations are not "deep".
     */
    private static boolean nesting(Node parent, Node child) {
        if (child instanceof BlockStmt || child instanceof ExpressionStmt) {
            return false;
        }
        if (child instanceof Statement || child instanceof BodyDeclaration) {
            return true;
        }
        if (!(child instanceof Expression)) {
            return false;
        }
        if (parent instanceof MethodCallExpr m && m.getScope().orElse(null) == child
                || parent instanceof FieldAccessExpr f && f.getScope() == child
                || parent instanceof MethodReferenceExpr r && r.getScope() == child) {
            return false;
        }
        return !(parent instanceof BinaryExpr b && b.getLeft() == child);
    }
}
