package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one compilation unit declares and imports, built in the validator's only walk over the tree: the symbol
 * table the rules resolve names with, the nodes in pre-order for the rule pass ({@link RuleWalker} runs once
 * the table is complete, over {@link #nodes}), and the nesting check (the walk itself is {@link NestingWalk}).
 * There is no classpath, so resolution is by name: explicit imports, the java.lang types the rules care about,
 * types declared in the file, and fully qualified names (a lower-case first segment that is not a variable is a
 * package). Not thread-safe; one per validation.
 */
final class SourceModel {
    /** How a type name was resolved. */
    enum Via {
        IMPORT,
        JAVA_LANG,
        WILDCARD,
        QUALIFIED,
        LOCAL,
        UNKNOWN
    }

    /** A resolved type name: the fully qualified name (null for LOCAL and UNKNOWN) and how it was found. */
    record TypeRef(String fqn, Via via) {
        static final TypeRef UNKNOWN = new TypeRef(null, Via.UNKNOWN);
        static final TypeRef LOCAL = new TypeRef(null, Via.LOCAL);
    }

    /** A variable's declaration: its declared type, its initializer (or null) and the node that scopes it. */
    record Variable(Type type, Expression initializer, Node owner) {}

    final CompilationUnit unit;
    /** Every node of the unit in pre-order ({@link Node#walk} order). */
    final List<Node> nodes;
    /**
     * The node to report as nested deeper than the limit the model was built with, or null: the outermost
     * too-deep node around the last too-deep node in pre-order, which is the one a depth-first search that
     * takes the last child first meets first.
     */
    final Node tooDeep;
    /** The nesting depth of {@link #tooDeep}. */
    final int tooDeepDepth;

    final Map<String, String> singleImports = new HashMap<>();
    final Map<String, String> staticMembers = new HashMap<>();
    final List<String> staticWildcardTypes = new ArrayList<>();
    final List<String> wildcardPackages = new ArrayList<>();
    private final Map<String, List<Node>> declaredTypes = new HashMap<>();
    final Set<String> declaredMethods = new HashSet<>();
    final Set<String> threadSubclasses = new HashSet<>();
    private final Map<String, List<Variable>> variables = new HashMap<>();
    private final Map<String, List<AssignExpr>> assignments = new HashMap<>();

    /** Builds the model in one walk; {@code maxNesting} is the depth beyond which {@link #tooDeep} is set. */
    SourceModel(CompilationUnit unit, int maxNesting) {
        this.unit = unit;
        for (ImportDeclaration i : unit.getImports()) {
            String name = i.getNameAsString();
            if (i.isStatic()) {
                if (i.isAsterisk()) {
                    staticWildcardTypes.add(name);
                } else {
                    int dot = name.lastIndexOf('.');
                    if (dot > 0) {
                        staticMembers.put(name.substring(dot + 1), name.substring(0, dot));
                    }
                }
            } else if (!i.isAsterisk()) {
                singleImports.put(JavaRules.simpleName(name), name);
            } else {
                wildcardPackages.add(name);
            }
        }
        NestingWalk walk = new NestingWalk(unit, maxNesting, this::index);
        this.nodes = walk.nodes;
        this.tooDeep = walk.tooDeep;
        this.tooDeepDepth = walk.tooDeepDepth;
    }

    private void index(Node node) {
        if (node instanceof TypeDeclaration<?> t) {
            declaredTypes
                    .computeIfAbsent(t.getNameAsString(), k -> new ArrayList<>())
                    .add(t);
            if (t instanceof ClassOrInterfaceDeclaration c
                    && c.getExtendedTypes().stream()
                            .anyMatch(e -> "java.lang.Thread"
                                    .equals(resolveType(e.getNameWithScope(), c).fqn()))) {
                threadSubclasses.add(c.getNameAsString());
            }
        } else if (node instanceof TypeParameter tp) {
            declaredTypes
                    .computeIfAbsent(tp.getNameAsString(), k -> new ArrayList<>())
                    .add(tp);
        } else if (node instanceof MethodDeclaration m) {
            declaredMethods.add(m.getNameAsString());
        } else if (node instanceof VariableDeclarator v) {
            variables
                    .computeIfAbsent(v.getNameAsString(), k -> new ArrayList<>())
                    .add(new Variable(v.getType(), v.getInitializer().orElse(null), owner(v)));
        } else if (node instanceof Parameter p) {
            variables
                    .computeIfAbsent(p.getNameAsString(), k -> new ArrayList<>())
                    .add(new Variable(p.getType(), null, owner(p)));
        } else if (node instanceof TypePatternExpr p) {
            variables
                    .computeIfAbsent(p.getNameAsString(), k -> new ArrayList<>())
                    .add(new Variable(p.getType(), null, owner(p)));
        } else if (node instanceof AssignExpr a) {
            String target = assignedName(a.getTarget());
            if (target != null) {
                assignments.computeIfAbsent(target, k -> new ArrayList<>()).add(a);
            }
        }
    }

    private static String assignedName(Expression target) {
        if (target instanceof NameExpr n) {
            return n.getNameAsString();
        }
        if (target instanceof FieldAccessExpr f && f.getScope().isThisExpr()) {
            return f.getNameAsString();
        }
        return null;
    }

    /** The node whose body a declaration is visible in: its method, lambda, initializer or (for fields) class. */
    private static Node owner(Node n) {
        if (n.getParentNode().orElse(null) instanceof FieldDeclaration f) {
            return f.getParentNode().orElse(f);
        }
        Node p = n.getParentNode().orElse(null);
        while (p != null
                && !(p instanceof CallableDeclaration
                        || p instanceof LambdaExpr
                        || p instanceof InitializerDeclaration
                        || p instanceof TypeDeclaration)) {
            p = p.getParentNode().orElse(null);
        }
        return p;
    }

    /**
     * The declarations of variable {@code name} visible at {@code at}: those whose method, lambda, initializer
     * or (for fields) class encloses {@code at}. A variable declared elsewhere does not shadow a type here.
     */
    List<Variable> variables(String name, Node at) {
        List<Variable> all = variables.getOrDefault(name, List.of());
        if (all.isEmpty()) {
            return all;
        }
        List<Variable> visible = new ArrayList<>(all.size());
        for (Variable v : all) {
            if (v.owner() == null || encloses(v.owner(), at)) {
                visible.add(v);
            }
        }
        return visible;
    }

    boolean isVariable(String name, Node at) {
        for (Variable v : variables.getOrDefault(name, List.of())) {
            if (v.owner() == null || encloses(v.owner(), at)) {
                return true;
            }
        }
        return false;
    }

    /** Every value {@code name} may hold at {@code at}: its initializers and every assignment to it. */
    List<Expression> values(String name, Node at) {
        List<Variable> visible = variables(name, at);
        List<Expression> out = new ArrayList<>();
        for (Variable v : visible) {
            if (v.initializer() != null) {
                out.add(v.initializer());
            }
        }
        for (AssignExpr a : assignments.getOrDefault(name, List.of())) {
            if (a.getOperator() == AssignExpr.Operator.ASSIGN
                    && visible.stream().anyMatch(v -> v.owner() == null || encloses(v.owner(), a))) {
                out.add(a.getValue());
            }
        }
        return out;
    }

    /**
     * Whether a type named {@code name} declared in this file is in scope at {@code at}: top-level types
     * everywhere, nested and local types and type parameters only inside what declares them.
     */
    boolean isDeclaredType(String name, Node at) {
        for (Node d : declaredTypes.getOrDefault(name, List.of())) {
            Node scope = d.getParentNode().orElse(null);
            if (scope instanceof Statement) {
                scope = scope.getParentNode().orElse(null);
            }
            if (scope == null || scope instanceof CompilationUnit || encloses(scope, at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code outer} is {@code node} or one of its ancestors. Walks up from {@code node}: javaparser's
     * {@code isAncestorOf} searches the whole subtree, which made validation quadratic.
     */
    static boolean encloses(Node outer, Node node) {
        for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
            if (n == outer) {
                return true;
            }
        }
        return false;
    }

    /** Resolves a (possibly dotted) type name as written in source at {@code at}. */
    TypeRef resolveType(String name, Node at) {
        int dot = name.indexOf('.');
        String first = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot);
        if (isDeclaredType(first, at)) {
            return TypeRef.LOCAL;
        }
        String imported = singleImports.get(first);
        if (imported != null) {
            return new TypeRef(imported + rest, Via.IMPORT);
        }
        if (JavaRules.JAVA_LANG.contains(first)) {
            return new TypeRef("java.lang." + first + rest, Via.JAVA_LANG);
        }
        if (!first.isEmpty() && Character.isUpperCase(first.charAt(0))) {
            for (String pkg : wildcardPackages) {
                if (JdkTypes.exists(pkg, first)) {
                    return new TypeRef(pkg + "." + first + rest, Via.WILDCARD);
                }
            }
            if (JdkTypes.exists("java.lang", first)) {
                return new TypeRef("java.lang." + first + rest, Via.JAVA_LANG);
            }
        }
        if (dot > 0 && Character.isLowerCase(first.charAt(0))) {
            String type = typePrefix(name);
            return type == null ? TypeRef.UNKNOWN : new TypeRef(type, Via.QUALIFIED);
        }
        return TypeRef.UNKNOWN;
    }

    private static final Set<String> ROOT_PACKAGES =
            Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "jnr");

    /**
     * {@code java.lang.System} for {@code java.lang.System.out}: up to the first upper-case segment, when what
     * comes before it is a package (a JDK package or one under a usual root); null otherwise, since
     * {@code order.items.Size} is more likely a chain of fields than a type.
     */
    static String typePrefix(String dotted) {
        int start = 0;
        while (start < dotted.length()) {
            int end = dotted.indexOf('.', start);
            String segment = end < 0 ? dotted.substring(start) : dotted.substring(start, end);
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                if (start == 0) {
                    return null;
                }
                String pkg = dotted.substring(0, start - 1);
                String root = pkg.indexOf('.') < 0 ? pkg : pkg.substring(0, pkg.indexOf('.'));
                return JdkTypes.isJdkPackage(pkg) || ROOT_PACKAGES.contains(root)
                        ? dotted.substring(0, end < 0 ? dotted.length() : end)
                        : null;
            }
            if (end < 0) {
                return null;
            }
            start = end + 1;
        }
        return null;
    }

    TypeRef resolveType(Type type) {
        if (type.isArrayType()) {
            return resolveType(type.asArrayType().getComponentType());
        }
        if (type instanceof ClassOrInterfaceType c) {
            return resolveType(c.getNameWithScope(), c);
        }
        return TypeRef.UNKNOWN;
    }

    /**
     * Interprets a name expression chain ({@code Runtime}, {@code java.lang.Runtime}, {@code Map.Entry}) as a type;
     * UNKNOWN when it starts with a variable or is not a name chain.
     */
    TypeRef typeOfNameChain(Expression e) {
        String dotted = dottedName(e);
        if (dotted == null) {
            return TypeRef.UNKNOWN;
        }
        int dot = dotted.indexOf('.');
        String first = dot < 0 ? dotted : dotted.substring(0, dot);
        if (isVariable(first, e)) {
            return TypeRef.UNKNOWN;
        }
        return resolveType(dotted, e);
    }

    /** {@code a.b.c} for a chain of names and field accesses; null for anything else. */
    static String dottedName(Expression e) {
        if (e instanceof NameExpr n) {
            return n.getNameAsString();
        }
        if (e instanceof FieldAccessExpr f) {
            String scope = dottedName(f.getScope());
            return scope == null ? null : scope + "." + f.getNameAsString();
        }
        return null;
    }
}
