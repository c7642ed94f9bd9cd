package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.Map;

/**
 * A small, classpath-free type inference: enough to know that {@code r} in
 * {@code var r = Runtime.getRuntime(); r.exec(...)} is a {@code java.lang.Runtime}, or that
 * {@code getClass().getMethod(...)} returns a {@code java.lang.reflect.Method}. Unknown types are null.
 */
final class TypeInference {
    private static final int MAX_DEPTH = 12;

    /** Return types of the calls the rules follow, keyed by fully qualified owner and method name. */
    private static final Map<String, String> RETURNS = Map.ofEntries(
            Map.entry("java.lang.Runtime.getRuntime", "java.lang.Runtime"),
            Map.entry("java.lang.Runtime.exec", "java.lang.Process"),
            Map.entry("java.lang.ProcessBuilder.start", "java.lang.Process"),
            Map.entry("java.lang.Process.toHandle", "java.lang.ProcessHandle"),
            Map.entry("java.lang.ProcessHandle.current", "java.lang.ProcessHandle"),
            Map.entry("java.lang.Class.forName", "java.lang.Class"),
            Map.entry("java.lang.Class.getMethod", "java.lang.reflect.Method"),
            Map.entry("java.lang.Class.getDeclaredMethod", "java.lang.reflect.Method"),
            Map.entry("java.lang.Class.getMethods", "java.lang.reflect.Method"),
            Map.entry("java.lang.Class.getDeclaredMethods", "java.lang.reflect.Method"),
            Map.entry("java.lang.Class.getField", "java.lang.reflect.Field"),
            Map.entry("java.lang.Class.getDeclaredField", "java.lang.reflect.Field"),
            Map.entry("java.lang.Class.getConstructor", "java.lang.reflect.Constructor"),
            Map.entry("java.lang.Class.getDeclaredConstructor", "java.lang.reflect.Constructor"),
            Map.entry("java.lang.Class.getSuperclass", "java.lang.Class"),
            Map.entry("java.lang.Class.getClassLoader", "java.lang.ClassLoader"),
            Map.entry("java.lang.ClassLoader.getSystemClassLoader", "java.lang.ClassLoader"),
            Map.entry("java.lang.ClassLoader.loadClass", "java.lang.Class"),
            Map.entry("java.lang.Thread.currentThread", "java.lang.Thread"),
            Map.entry("java.lang.Thread.getContextClassLoader", "java.lang.ClassLoader"),
            Map.entry("java.lang.invoke.MethodHandles.lookup", "java.lang.invoke.MethodHandles.Lookup"),
            Map.entry("java.lang.invoke.MethodHandles.privateLookupIn", "java.lang.invoke.MethodHandles.Lookup"),
            Map.entry("java.nio.file.Path.of", "java.nio.file.Path"),
            Map.entry("java.nio.file.Paths.get", "java.nio.file.Path"),
            Map.entry("java.io.File.toPath", "java.nio.file.Path"),
            Map.entry("java.nio.file.Path.toFile", "java.io.File"),
            Map.entry("java.nio.file.Path.resolve", "java.nio.file.Path"),
            Map.entry("java.nio.file.Path.toAbsolutePath", "java.nio.file.Path"),
            Map.entry("java.nio.file.Path.normalize", "java.nio.file.Path"),
            Map.entry("java.nio.file.Path.getParent", "java.nio.file.Path"));

    private final SourceModel model;

    TypeInference(SourceModel model) {
        this.model = model;
    }

    /** The fully qualified static type of {@code e}, or null when unknown. */
    String typeOf(Expression e) {
        return typeOf(e, 0);
    }

    private String typeOf(Expression e, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return null;
        }
        if (e instanceof EnclosedExpr en) {
            return typeOf(en.getInner(), depth + 1);
        }
        if (e instanceof CastExpr c) {
            return model.resolveType(c.getType()).fqn();
        }
        if (e instanceof ClassExpr) {
            return "java.lang.Class";
        }
        if (e instanceof ObjectCreationExpr o) {
            return model.resolveType(o.getType()).fqn();
        }
        if (e instanceof ConditionalExpr c) {
            String t = typeOf(c.getThenExpr(), depth + 1);
            return t != null ? t : typeOf(c.getElseExpr(), depth + 1);
        }
        if (e instanceof ArrayAccessExpr a) {
            return typeOf(a.getName(), depth + 1);
        }
        if (e instanceof NameExpr n) {
            String name = n.getNameAsString();
            if (!model.isVariable(name, n)) {
                return model.resolveType(name, n).fqn();
            }
            for (SourceModel.Variable v : model.variables(name, n)) {
                String t = v.type().isVarType()
                        ? typeOf(v.initializer(), depth + 1)
                        : model.resolveType(v.type()).fqn();
                if (t != null) {
                    return t;
                }
            }
            return null;
        }
        if (e instanceof FieldAccessExpr f) {
            return model.typeOfNameChain(f).fqn();
        }
        if (e instanceof MethodCallExpr m) {
            String method = m.getNameAsString();
            if (method.equals("getClass")) {
                return "java.lang.Class";
            }
            String owner = ownerOf(m, depth);
            if (owner == null) {
                return null;
            }
            String returned = RETURNS.get(owner + "." + method);
            if (returned == null && JavaRules.isReflectiveType(owner) && method.startsWith("get")) {
                return "java.lang.Class".equals(owner) ? null : "java.lang.Object";
            }
            return returned;
        }
        return null;
    }

    /** The fully qualified type a call is made on: its receiver's type, or the static import it refers to. */
    String ownerOf(MethodCallExpr m) {
        return ownerOf(m, 0);
    }

    private String ownerOf(MethodCallExpr m, int depth) {
        if (m.getScope().isPresent()) {
            return typeOf(m.getScope().get(), depth + 1);
        }
        String name = m.getNameAsString();
        if (model.declaredMethods.contains(name)) {
            return null;
        }
        String type = model.staticMembers.get(name);
        if (type != null) {
            return type;
        }
        for (String t : model.staticWildcardTypes) {
            if (JavaRules.CALLS.containsKey(t + "." + name)) {
                return t;
            }
        }
        // With one static wildcard import, an unqualified call of a method not declared here is most likely its.
        return model.staticWildcardTypes.size() == 1 ? model.staticWildcardTypes.get(0) : null;
    }
}
