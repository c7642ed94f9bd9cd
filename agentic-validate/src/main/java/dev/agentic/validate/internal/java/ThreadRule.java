package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule {@code too-many-threads}: counts the threads a program starts explicitly ({@code new Thread}, subclasses of
 * Thread declared in the file, {@code Timer}, executors and pools with constant sizes), multiplied by the trip
 * count of enclosing loops with constant bounds. A thread created in a loop without a constant bound counts as
 * unbounded. Pools whose size is not constant, and cached pools, get a warning. Not thread-safe.
 */
final class ThreadRule {
    private static final long UNBOUNDED = Long.MAX_VALUE / 4;
    private static final Set<String> LOOPING_CALLS = Set.of(
            "forEach",
            "forEachOrdered",
            "map",
            "mapToObj",
            "flatMap",
            "peek",
            "generate",
            "iterate",
            "replaceAll",
            "compute",
            "computeIfAbsent",
            "merge");
    private static final Set<String> SIZED_POOLS =
            Set.of("newFixedThreadPool", "newScheduledThreadPool", "newWorkStealingPool");
    private static final Set<String> SINGLE_POOLS =
            Set.of("newSingleThreadExecutor", "newSingleThreadScheduledExecutor");

    private final SourceModel model;
    private final Constants constants;
    private final Findings findings;
    private final int max;
    private long count;
    private boolean reported;
    /** Call counts of the program's own methods, and the methods whose count is being computed. */
    private final Map<String, Long> callCounts = new HashMap<>();

    private final Set<String> calling = new HashSet<>();

    ThreadRule(SourceModel model, Constants constants, Findings findings, int maxThreads) {
        this.model = model;
        this.constants = constants;
        this.findings = findings;
        this.max = maxThreads;
    }

    void onNew(ObjectCreationExpr creation, String type) {
        String simple = creation.getType().getNameAsString();
        if ("java.lang.Thread".equals(type)
                || "java.util.Timer".equals(type)
                || model.threadSubclasses.contains(simple)) {
            add(creation, 1, "new " + simple);
        } else if ("java.util.concurrent.ThreadPoolExecutor".equals(type)
                || "java.util.concurrent.ScheduledThreadPoolExecutor".equals(type)
                || "java.util.concurrent.ForkJoinPool".equals(type)) {
            List<Expression> args = creation.getArguments();
            int sizeArg = "java.util.concurrent.ThreadPoolExecutor".equals(type) ? 1 : 0;
            sized(creation, args.size() > sizeArg ? args.get(sizeArg) : null, "new " + simple);
        }
    }

    void onCall(MethodCallExpr call, String owner) {
        if (!"java.util.concurrent.Executors".equals(owner)) {
            return;
        }
        String name = call.getNameAsString();
        if (SIZED_POOLS.contains(name)) {
            sized(call, call.getArguments().isEmpty() ? null : call.getArgument(0), "Executors." + name);
        } else if (SINGLE_POOLS.contains(name)) {
            add(call, 1, "Executors." + name);
        } else if (name.equals("newCachedThreadPool")) {
            findings.warning(
                    JavaRules.TOO_MANY_THREADS,
                    call,
                    "Executors.newCachedThreadPool starts any number "
                            + "of threads; use Executors.newFixedThreadPool(n) with n <= " + max + ".");
        }
    }

    private void sized(Node at, Expression size, String what) {
        Long n = size == null ? null : constants.integer(size);
        if (n == null) {
            findings.warning(
                    JavaRules.TOO_MANY_THREADS,
                    at,
                    what + " has a size the validator cannot check; " + "use a constant of at most " + max
                            + " threads.");
            return;
        }
        add(at, n, what);
    }

    private void add(Node at, long threads, String what) {
        long times = tripCount(at);
        long added = times >= UNBOUNDED || threads >= UNBOUNDED ? UNBOUNDED : Math.min(UNBOUNDED, threads * times);
        count = Math.min(UNBOUNDED, count + added);
        if (count > max && !reported) {
            reported = true;
            String total = count >= UNBOUNDED
                    ? "an unbounded number of threads (it starts them in a loop "
                            + "without a constant bound or in a method that calls itself)"
                    : count + " threads";
            findings.error(
                    JavaRules.TOO_MANY_THREADS,
                    at,
                    what + " brings the program to " + total
                            + ", more than the limit of " + max + "; use one Executors.newFixedThreadPool(n) with n <= "
                            + max + " and submit tasks to it.");
        }
    }

    /**
     * How many times the code at {@code node} runs because of enclosing loops; UNBOUNDED when unknown, or when
     * the enclosing method calls itself (a thread that starts its own method again is a thread bomb).
     */
    private long tripCount(Node node) {
        if (inRecursiveMethod(node)) {
            return UNBOUNDED;
        }
        long times = loopTrips(node);
        MethodDeclaration m = node.findAncestor(MethodDeclaration.class).orElse(null);
        if (m == null
                || times >= UNBOUNDED
                || (m.isStatic() && m.getNameAsString().equals("main"))) {
            return times;
        }
        long calls = callsOf(m.getNameAsString());
        return calls >= UNBOUNDED ? UNBOUNDED : Math.min(UNBOUNDED, times * calls);
    }

    /**
     * How many times the program calls its own method {@code name}: the trip counts of its call sites summed, so a
     * helper that starts a thread and is called in a loop of 100 starts 100. A method with no call site in the
     * file counts once; methods that call each other count as unbounded.
     */
    private long callsOf(String name) {
        Long cached = callCounts.get(name);
        if (cached != null) {
            return cached;
        }
        if (!calling.add(name)) {
            return UNBOUNDED;
        }
        long total = 0;
        boolean called = false;
        try {
            for (Node n : model.nodes) {
                boolean site = n instanceof MethodCallExpr c
                        && c.getNameAsString().equals(name)
                        && (c.getScope().isEmpty() || c.getScope().get().isThisExpr());
                site |= n instanceof MethodReferenceExpr r && r.getIdentifier().equals(name);
                if (site) {
                    called = true;
                    long t = tripCount(n);
                    total = t >= UNBOUNDED ? UNBOUNDED : Math.min(UNBOUNDED, total + t);
                }
            }
        } finally {
            calling.remove(name);
        }
        long result = called ? total : 1;
        callCounts.put(name, result);
        return result;
    }

    /** How many times the code at {@code node} runs because of loops inside its own method. */
    private long loopTrips(Node node) {
        long times = 1;
        Node child = node;
        Node p = node.getParentNode().orElse(null);
        while (p != null) {
            long t = 1;
            if (p instanceof ForStmt f && f.getBody() == child) {
                t = forTrips(f);
            } else if (p instanceof ForEachStmt f && f.getBody() == child) {
                t = forEachTrips(f.getIterable());
            } else if ((p instanceof WhileStmt w && w.getBody() == child)
                    || (p instanceof DoStmt d && d.getBody() == child)) {
                t = UNBOUNDED;
            } else if (p instanceof MethodCallExpr m
                    && (child instanceof LambdaExpr || child instanceof MethodReferenceExpr)
                    && LOOPING_CALLS.contains(m.getNameAsString())) {
                t = m.getScope().map(this::streamTrips).orElse(UNBOUNDED);
            }
            times = t >= UNBOUNDED || times >= UNBOUNDED ? UNBOUNDED : Math.min(UNBOUNDED, times * t);
            if (p instanceof MethodDeclaration) {
                break;
            }
            child = p;
            p = p.getParentNode().orElse(null);
        }
        return times;
    }

    private static boolean inRecursiveMethod(Node node) {
        MethodDeclaration m = node.findAncestor(MethodDeclaration.class).orElse(null);
        if (m == null) {
            return false;
        }
        String name = m.getNameAsString();
        return m.findFirst(
                                MethodCallExpr.class,
                                c -> c.getNameAsString().equals(name)
                                        && (c.getScope().isEmpty()
                                                || c.getScope().get().isThisExpr()))
                        .isPresent()
                || m.findFirst(MethodReferenceExpr.class, r -> r.getIdentifier().equals(name))
                        .isPresent();
    }

    private long forTrips(ForStmt f) {
        if (f.getInitialization().size() != 1
                || f.getUpdate().size() != 1
                || f.getCompare().isEmpty()
                || !(f.getInitialization().get(0) instanceof VariableDeclarationExpr init)
                || init.getVariables().size() != 1
                || init.getVariable(0).getInitializer().isEmpty()) {
            return UNBOUNDED;
        }
        String var = init.getVariable(0).getNameAsString();
        Long from = constants.integer(init.getVariable(0).getInitializer().get());
        if (!(f.getCompare().get() instanceof BinaryExpr cmp)
                || !(cmp.getLeft() instanceof NameExpr left)
                || !left.getNameAsString().equals(var)
                || !isIncrement(f.getUpdate().get(0), var)) {
            return UNBOUNDED;
        }
        Long to = constants.integer(cmp.getRight());
        if (from == null || to == null) {
            return UNBOUNDED;
        }
        switch (cmp.getOperator()) {
            case LESS:
                return Math.max(0, to - from);
            case LESS_EQUALS:
                return Math.max(0, to - from + 1);
            default:
                return UNBOUNDED;
        }
    }

    private static boolean isIncrement(Expression update, String var) {
        if (update instanceof UnaryExpr u
                && u.getExpression() instanceof NameExpr n
                && n.getNameAsString().equals(var)) {
            return u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT;
        }
        return update instanceof AssignExpr a
                && a.getOperator() == AssignExpr.Operator.PLUS
                && a.getTarget() instanceof NameExpr n
                && n.getNameAsString().equals(var)
                && a.getValue().isIntegerLiteralExpr()
                && !a.getValue().asIntegerLiteralExpr().getValue().equals("0");
    }

    /** Elements of a literal collection ({@code List.of(a, b)}, an array initializer, or a variable holding one). */
    private long forEachTrips(Expression iterable) {
        Expression e = iterable;
        if (e instanceof NameExpr n) {
            List<Expression> values = model.values(n.getNameAsString(), n);
            if (values.size() != 1) {
                return UNBOUNDED;
            }
            e = values.get(0);
        }
        if (e.isArrayInitializerExpr()) {
            return e.asArrayInitializerExpr().getValues().size();
        }
        if (e.isArrayCreationExpr() && e.asArrayCreationExpr().getInitializer().isPresent()) {
            return e.asArrayCreationExpr().getInitializer().get().getValues().size();
        }
        if (e instanceof MethodCallExpr m && Set.of("of", "asList").contains(m.getNameAsString())) {
            return m.getArguments().size();
        }
        return UNBOUNDED;
    }

    /** Trip count of a stream pipeline's source: {@code IntStream.range(0, 4)} or a literal collection. */
    private long streamTrips(Expression scope) {
        Expression e = scope;
        while (e instanceof MethodCallExpr m
                && m.getScope().isPresent()
                && !Set.of("range", "rangeClosed", "of", "asList").contains(m.getNameAsString())) {
            e = m.getScope().get();
        }
        if (e instanceof MethodCallExpr m
                && m.getArguments().size() == 2
                && (m.getNameAsString().equals("range") || m.getNameAsString().equals("rangeClosed"))) {
            Long from = constants.integer(m.getArgument(0));
            Long to = constants.integer(m.getArgument(1));
            if (from != null && to != null) {
                return Math.max(0, to - from + (m.getNameAsString().equals("rangeClosed") ? 1 : 0));
            }
            return UNBOUNDED;
        }
        return forEachTrips(e);
    }
}
