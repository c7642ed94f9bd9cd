package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Folds constant strings and integers: literals, {@code +}, {@code concat}, {@code String.valueOf},
 * {@code strip}/{@code trim}/case changes, and variables through every value they are assigned. So
 * {@code "java.lang." + "Runtime"} or {@code String dir = "/etc"; dir + "/x"} are seen for what they are.
 * A variable that (through its assignments) refers to itself is unknown. Not thread-safe.
 */
final class Constants {
    /** Stands for a part of a string whose value is not known statically. */
    static final char UNKNOWN = '\uFFFF';
    /** System properties and environment variables that name directories outside the working directory. */
    static final Map<String, String> OUTSIDE_LOCATIONS = Map.of(
            "user.home",
            "${user.home}",
            "HOME",
            "${user.home}",
            "USERPROFILE",
            "${user.home}",
            "java.io.tmpdir",
            "${java.io.tmpdir}",
            "TMPDIR",
            "${java.io.tmpdir}",
            "TMP",
            "${java.io.tmpdir}",
            "TEMP",
            "${java.io.tmpdir}",
            "java.home",
            "${java.home}");

    private static final int MAX_DEPTH = 16;
    private static final int MAX_VALUES = 8;

    private final SourceModel model;
    private final Set<String> active = new HashSet<>();

    Constants(SourceModel model) {
        this.model = model;
    }

    /** The possible values of a string expression; unknown parts are {@link #UNKNOWN}. Never empty. */
    List<String> strings(Expression e) {
        return strings(e, 0);
    }

    /** The single fully known value of {@code e}, or null. */
    String string(Expression e) {
        List<String> v = strings(e, 0);
        return v.size() == 1 && v.get(0).indexOf(UNKNOWN) < 0 ? v.get(0) : null;
    }

    private List<String> strings(Expression e, int depth) {
        if (depth > MAX_DEPTH) {
            return unknown();
        }
        if (e instanceof StringLiteralExpr s) {
            // every escape starts with a backslash: without one the literal is its own value (no unescaping pass)
            String raw = s.getValue();
            return List.of(raw.indexOf('\\') < 0 ? raw : s.asString());
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return List.of(t.asString());
        }
        if (e instanceof CharLiteralExpr c) {
            return List.of(String.valueOf(c.asChar()));
        }
        if (e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr) {
            Long v = integer(e);
            return v == null ? unknown() : List.of(v.toString());
        }
        if (e instanceof EnclosedExpr en) {
            return strings(en.getInner(), depth + 1);
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            return concat(strings(b.getLeft(), depth + 1), strings(b.getRight(), depth + 1));
        }
        if (e instanceof NameExpr n) {
            List<Expression> values = model.values(n.getNameAsString(), n);
            if (values.isEmpty() || !active.add(n.getNameAsString())) {
                return unknown();
            }
            try {
                List<String> out = new ArrayList<>();
                for (Expression v : values) {
                    for (String s : strings(v, depth + 1)) {
                        if (out.size() < MAX_VALUES && !out.contains(s)) {
                            out.add(s);
                        }
                    }
                }
                return out;
            } finally {
                active.remove(n.getNameAsString());
            }
        }
        if (e instanceof ObjectCreationExpr o
                && o.getArguments().size() == 1
                && (o.getType().getNameAsString().equals("String")
                        || o.getType().getNameAsString().equals("StringBuilder")
                        || o.getType().getNameAsString().equals("StringBuffer"))) {
            return strings(o.getArgument(0), depth + 1);
        }
        if (e instanceof MethodCallExpr m) {
            return call(m, depth);
        }
        return unknown();
    }

    private List<String> call(MethodCallExpr m, int depth) {
        String name = m.getNameAsString();
        Expression scope = m.getScope().orElse(null);
        if (scope == null) {
            return unknown();
        }
        String owner = SourceModel.dottedName(scope);
        if (("System".equals(owner) || "java.lang.System".equals(owner))
                && m.getArguments().size() == 1
                && (name.equals("getProperty") || name.equals("getenv"))) {
            String key = string(m.getArgument(0));
            String location = key == null ? null : OUTSIDE_LOCATIONS.get(key);
            return location != null ? List.of(location) : "user.dir".equals(key) ? List.of(".") : unknown();
        }
        if (("String".equals(owner) || "java.lang.String".equals(owner)) && name.equals("format")) {
            return m.getArguments().isEmpty()
                    ? unknown()
                    : format(
                            strings(m.getArgument(0), depth + 1),
                            m.getArguments().subList(1, m.getArguments().size()),
                            depth);
        }
        if (("String".equals(owner) || "java.lang.String".equals(owner))
                && name.equals("join")
                && m.getArguments().size() >= 2) {
            List<String> out = null;
            for (int i = 1; i < m.getArguments().size(); i++) {
                List<String> part = strings(m.getArgument(i), depth + 1);
                out = out == null ? part : concat(concat(out, strings(m.getArgument(0), depth + 1)), part);
            }
            return out;
        }
        switch (name) {
            case "formatted":
                return format(strings(scope, depth + 1), m.getArguments(), depth);
            case "concat":
            case "append":
                return m.getArguments().size() == 1
                        ? concat(strings(scope, depth + 1), strings(m.getArgument(0), depth + 1))
                        : unknown();
            case "toString":
            case "strip":
            case "trim":
            case "intern":
                return strings(scope, depth + 1);
            case "toLowerCase":
                return map(strings(scope, depth + 1), s -> s.toLowerCase(Locale.ROOT));
            case "toUpperCase":
                return map(strings(scope, depth + 1), s -> s.toUpperCase(Locale.ROOT));
            case "valueOf":
                return "String".equals(SourceModel.dottedName(scope))
                                && m.getArguments().size() == 1
                        ? strings(m.getArgument(0), depth + 1)
                        : unknown();
            default:
                return unknown();
        }
    }

    /** {@code String.format(fmt, args)} for {@code %s} and {@code %d} placeholders; the rest is unknown. */
    private List<String> format(List<String> formats, List<Expression> args, int depth) {
        List<String> out = new ArrayList<>();
        for (String f : formats) {
            List<String> results = List.of("");
            int arg = 0;
            int i = 0;
            while (i < f.length()) {
                int pct = f.indexOf('%', i);
                if (pct < 0 || pct + 1 >= f.length()) {
                    results = concat(results, List.of(f.substring(i)));
                    break;
                }
                results = concat(results, List.of(f.substring(i, pct)));
                char conversion = f.charAt(pct + 1);
                if (conversion == '%') {
                    results = concat(results, List.of("%"));
                } else if ((conversion == 's' || conversion == 'd') && arg < args.size()) {
                    results = concat(results, strings(args.get(arg++), depth + 1));
                } else {
                    results = concat(results, unknown());
                    arg++;
                }
                i = pct + 2;
            }
            for (String r : results) {
                if (out.size() < MAX_VALUES) {
                    out.add(r);
                }
            }
        }
        return out.isEmpty() ? unknown() : out;
    }

    /** The value of a constant integer expression, or null. */
    Long integer(Expression e) {
        return integer(e, 0);
    }

    private Long integer(Expression e, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        try {
            if (e instanceof IntegerLiteralExpr i) {
                return i.asNumber().longValue();
            }
            if (e instanceof LongLiteralExpr l) {
                return l.asNumber().longValue();
            }
        } catch (NumberFormatException ex) {
            return null;
        }
        if (e instanceof EnclosedExpr en) {
            return integer(en.getInner(), depth + 1);
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            Long v = integer(u.getExpression(), depth + 1);
            return v == null ? null : -v;
        }
        if (e instanceof BinaryExpr b) {
            Long l = integer(b.getLeft(), depth + 1);
            Long r = integer(b.getRight(), depth + 1);
            if (l == null || r == null) {
                return null;
            }
            switch (b.getOperator()) {
                case PLUS:
                    return l + r;
                case MINUS:
                    return l - r;
                case MULTIPLY:
                    return l * r;
                case DIVIDE:
                    return r == 0 ? null : l / r;
                case LEFT_SHIFT:
                    return r >= 0 && r < 63 ? l << r : null;
                default:
                    return null;
            }
        }
        if (e instanceof NameExpr n) {
            List<Expression> values = model.values(n.getNameAsString(), n);
            if (!active.add(n.getNameAsString())) {
                return null;
            }
            try {
                Long max = null;
                for (Expression v : values) {
                    Long x = integer(v, depth + 1);
                    if (x == null) {
                        return null;
                    }
                    max = max == null ? x : Math.max(max, x);
                }
                return max;
            } finally {
                active.remove(n.getNameAsString());
            }
        }
        return null;
    }

    private static List<String> concat(List<String> left, List<String> right) {
        List<String> out = new ArrayList<>();
        for (String l : left) {
            for (String r : right) {
                if (out.size() < MAX_VALUES) {
                    out.add(l + r);
                }
            }
        }
        return out;
    }

    private static List<String> map(List<String> in, UnaryOperator<String> f) {
        List<String> out = new ArrayList<>();
        for (String s : in) {
            out.add(s.indexOf(UNKNOWN) >= 0 ? s : f.apply(s));
        }
        return out;
    }

    private static List<String> unknown() {
        return List.of(String.valueOf(UNKNOWN));
    }
}
