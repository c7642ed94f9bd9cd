package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.ValidationPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a compilation unit's nodes in pre-order (as {@link SourceModel} recorded them in its walk) that
 * applies every Java rule: imports, type references, calls and method references, object creation, native
 * methods, literal hosts, file writes and threads. Not thread-safe; one per validation.
 */
final class RuleWalker {
    private final SourceModel model;
    private final TypeInference types;
    private final Constants constants;
    private final PolicyNames names;
    private final Findings findings;
    private final FileWriteRule files;
    private final ThreadRule threads;
    private final NetworkRule network;
    /** Gate policies' rules, or null under a lint policy. */
    private final JavaGate gate;

    RuleWalker(SourceModel model, ValidationPolicy policy, NetworkPolicy networkPolicy, Findings findings) {
        this.model = model;
        this.types = new TypeInference(model);
        this.constants = new Constants(model);
        this.names = new PolicyNames(policy);
        this.findings = findings;
        this.files = new FileWriteRule(model, types, constants, findings);
        this.threads = new ThreadRule(model, constants, findings, policy.maxThreads());
        this.network = new NetworkRule(networkPolicy, policy, constants, findings);
        this.gate = policy.isGate() ? new JavaGate(model, constants, findings, files, networkPolicy) : null;
    }

    /** Applies every rule to every node, in pre-order. */
    void walk() {
        for (Node node : model.nodes) {
            visit(node);
        }
    }

    private void visit(Node node) {
        if (node instanceof ImportDeclaration i) {
            onImport(i);
        } else if (node instanceof ClassOrInterfaceType t) {
            if (!(t.getParentNode().orElse(null) instanceof ClassOrInterfaceType outer
                    && outer.getScope().orElse(null) == t)) {
                onTypeRef(model.resolveType(t.getNameWithScope(), t), t);
            }
        } else if (node instanceof NameExpr || node instanceof FieldAccessExpr) {
            Expression e = (Expression) node;
            if (!(e.getParentNode().orElse(null) instanceof FieldAccessExpr outer && outer.getScope() == e)) {
                onTypeRef(model.typeOfNameChain(e), e);
            }
        } else if (node instanceof MethodCallExpr call) {
            onCall(call);
        } else if (node instanceof MethodReferenceExpr ref) {
            onMethodReference(ref);
        } else if (node instanceof ObjectCreationExpr creation) {
            String type = model.resolveType(creation.getType()).fqn();
            files.onNew(creation, type);
            threads.onNew(creation, type);
            if (type != null) {
                network.onHostArguments(type, creation.getArguments());
            }
            if (gate != null) {
                gate.onNew(creation, type);
            }
        } else if (node instanceof MethodDeclaration m && m.hasModifier(Modifier.Keyword.NATIVE)) {
            findings.error(
                    JavaRules.NATIVE_METHOD,
                    m.getName(),
                    "native method " + m.getNameAsString() + ": " + JavaRules.NO_NATIVE);
        } else if (node instanceof StringLiteralExpr
                || node instanceof TextBlockLiteralExpr
                || (node instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS)) {
            network.onString((Expression) node);
        }
    }

    private void onImport(ImportDeclaration i) {
        String name = i.getNameAsString();
        String type = i.isStatic() && !i.isAsterisk() ? name.substring(0, Math.max(0, name.lastIndexOf('.'))) : name;
        PolicyNames.Verdict verdict = names.type(type, false);
        if (verdict != null) {
            findings.error(
                    JavaRules.DENIED_IMPORT,
                    i,
                    "import " + name + (i.isAsterisk() ? ".*" : "") + ": " + verdict.advice());
        } else if (i.isStatic() && !i.isAsterisk()) {
            String simpleType = JavaRules.simpleName(type);
            String member = JavaRules.simpleName(name);
            verdict = names.call(List.of(name, simpleType + "." + member, member), JavaRules.CALLS.get(name));
            if (verdict != null) {
                findings.error(verdict.rule(), i, "import static " + name + ": " + verdict.advice());
            }
        }
        if (verdict == null) {
            network.onName(type, i);
        }
    }

    private void onTypeRef(SourceModel.TypeRef ref, Node at) {
        if (ref.fqn() == null || ref.via() == SourceModel.Via.IMPORT) {
            return;
        }
        PolicyNames.Verdict verdict = names.type(ref.fqn(), ref.via() == SourceModel.Via.JAVA_LANG);
        if (verdict != null) {
            findings.error(verdict.rule(), at, ref.fqn() + ": " + verdict.advice());
        } else {
            network.onName(ref.fqn(), at);
        }
    }

    private void onCall(MethodCallExpr call) {
        String owner = types.ownerOf(call);
        String name = call.getNameAsString();
        JavaRules.Denial builtin = builtin(owner, name);
        if (builtin != null
                && (owner + "." + name).equals("java.lang.Runtime.getRuntime")
                && (isHarmlessRuntimeCall(call.getParentNode().orElse(null), call) || onlyHarmlessUses(call))) {
            builtin = null;
        }
        PolicyNames.Verdict verdict =
                names.call(callNames(owner, call.getScope().orElse(null), name), builtin);
        if (verdict != null) {
            String shown = (owner == null ? "" : JavaRules.simpleName(owner) + ".") + name;
            if (name.equals("forName") && !call.getArguments().isEmpty()) {
                String loaded = constants.string(call.getArgument(0));
                shown += loaded == null ? "(...)" : "(\"" + loaded + "\")";
            }
            findings.error(verdict.rule(), call.getName(), shown + ": " + verdict.advice());
        }
        if (name.equals("format") || name.equals("formatted") || name.equals("join")) {
            network.onString(call);
        } else if (name.equals("append") || name.equals("concat")) {
            network.onBuilderChain(call);
        }
        files.onCall(call, owner);
        threads.onCall(call, owner);
        if (gate != null) {
            gate.onCall(call, owner);
        }
        if (owner != null) {
            network.onHostArguments(owner + "." + name, call.getArguments());
        }
    }

    private static boolean isHarmlessRuntimeCall(Node parent, Expression scope) {
        return parent instanceof MethodCallExpr outer
                && outer.getScope().orElse(null) == scope
                && JavaRules.HARMLESS_RUNTIME.contains(outer.getNameAsString());
    }

    /**
     * {@code Runtime rt = Runtime.getRuntime(); rt.totalMemory() - rt.freeMemory()}: a variable holding the
     * runtime whose every use is a harmless query. Any other use (exec, passing it on) keeps the finding.
     */
    private static boolean onlyHarmlessUses(MethodCallExpr getRuntime) {
        if (!(getRuntime.getParentNode().orElse(null) instanceof VariableDeclarator v)) {
            return false;
        }
        String var = v.getNameAsString();
        Node scope = v.getParentNode().orElse(null);
        if (scope instanceof FieldDeclaration) {
            scope = v.findRootNode();
        }
        while (scope != null
                && !(scope instanceof CallableDeclaration<?>)
                && !(scope instanceof LambdaExpr)
                && !(scope instanceof InitializerDeclaration)
                && scope.getParentNode().isPresent()) {
            scope = scope.getParentNode().get();
        }
        boolean[] harmless = {true};
        boolean[] used = {false};
        scope.walk(Node.TreeTraversal.PREORDER, n -> {
            if (n instanceof NameExpr ne && ne.getNameAsString().equals(var)) {
                used[0] = true;
                harmless[0] &= isHarmlessRuntimeCall(ne.getParentNode().orElse(null), ne);
            } else if (n instanceof FieldAccessExpr fa && fa.getNameAsString().equals(var)) {
                used[0] = true;
                harmless[0] &= isHarmlessRuntimeCall(fa.getParentNode().orElse(null), fa);
            }
        });
        return used[0] && harmless[0];
    }

    private void onMethodReference(MethodReferenceExpr ref) {
        Expression scope = ref.getScope();
        String owner =
                scope instanceof TypeExpr t ? model.resolveType(t.getType()).fqn() : types.typeOf(scope);
        String name = ref.getIdentifier();
        PolicyNames.Verdict verdict =
                names.call(callNames(owner, scope instanceof TypeExpr ? null : scope, name), builtin(owner, name));
        if (verdict != null) {
            findings.error(
                    verdict.rule(),
                    ref,
                    (owner == null ? "" : JavaRules.simpleName(owner)) + "::" + name + ": " + verdict.advice());
        }
    }

    /**
     * The built-in denial of calling {@code name} on {@code owner} (null when unknown). Names that are denied
     * whatever their receiver ({@code setAccessible}, {@code defineClass}) are not denied for an unknown receiver
     * when this file declares a method of that name: {@code school.loadClass("7b")} is the program's own method.
     */
    private JavaRules.Denial builtin(String owner, String name) {
        JavaRules.Denial d = owner == null ? null : JavaRules.CALLS.get(owner + "." + name);
        if (d != null) {
            return d;
        }
        boolean ownMethod = owner == null && model.declaredMethods.contains(name);
        if ((JavaRules.REFLECTIVE_ANYWHERE.contains(name) && !ownMethod)
                || (JavaRules.REFLECTIVE_ON_TYPE.contains(name) && JavaRules.isReflectiveType(owner))) {
            return new JavaRules.Denial(JavaRules.REFLECTION, JavaRules.NO_REFLECTION);
        }
        if (JavaRules.CLASS_LOADING_ANYWHERE.contains(name) && !ownMethod) {
            return new JavaRules.Denial(JavaRules.DENIED_CALL, JavaRules.NO_CLASS_LOADING);
        }
        return null;
    }

    /** A call's names, most qualified first: {@code java.lang.System.exit}, {@code System.exit}, {@code exit}. */
    private static List<String> callNames(String owner, Expression scope, String name) {
        List<String> out = new ArrayList<>(4);
        if (owner != null) {
            out.add(owner + "." + name);
            out.add(JavaRules.simpleName(owner) + "." + name);
        }
        String written = scope == null ? null : SourceModel.dottedName(scope);
        if (written != null) {
            out.add(written + "." + name);
        }
        out.add(name);
        return out;
    }
}
