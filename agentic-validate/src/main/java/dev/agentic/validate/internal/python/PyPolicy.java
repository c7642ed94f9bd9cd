package dev.agentic.validate.internal.python;

import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.ValidationPolicy;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link ValidationPolicy} resolved against the built-in Python deny sets for one validation. Immutable.
 */
final class PyPolicy {
    final ValidationPolicy policy;
    final NetworkPolicy network;
    private final Set<String> deniedImports;
    private final Set<String> deniedCalls;
    private final Map<String, String> deniedByLastSegment;
    /** Gate policies: modules of which only some members are allowed ({@code os} when {@code os.environ} is). */
    private final Set<String> partialModules;

    PyPolicy(ValidationPolicy policy, NetworkPolicy network) {
        this.policy = policy;
        this.network = network;
        Set<String> imports = new HashSet<>();
        if (policy.importMode() == ValidationPolicy.ImportMode.DENYLIST) {
            imports.addAll(PyRules.DENIED_IMPORTS);
            if (network.isNone()) {
                imports.addAll(PyRules.DENIED_IMPORTS_WITHOUT_NETWORK);
            }
            imports.removeAll(policy.allowedImports());
        }
        imports.addAll(policy.deniedImports());
        this.deniedImports = Set.copyOf(imports);
        Set<String> partial = new HashSet<>();
        if (policy.isGate()) {
            for (String allowed : policy.allowedImports()) {
                for (int dot = allowed.indexOf('.'); dot > 0; dot = allowed.indexOf('.', dot + 1)) {
                    partial.add(allowed.substring(0, dot));
                }
            }
        }
        this.partialModules = Set.copyOf(partial);
        Set<String> calls = new HashSet<>(PyRules.DENIED_CALLS);
        if (policy.isGate()) {
            calls.addAll(PyRules.GATE_DENIED_CALLS);
        }
        calls.addAll(policy.deniedCalls());
        calls.removeAll(policy.allowedCalls());
        this.deniedCalls = Set.copyOf(calls);
        Map<String, String> lastSegments = new TreeMap<>();
        for (String c : new TreeSet<>(calls)) {
            int dot = c.lastIndexOf('.');
            if (dot > 0) {
                lastSegments.putIfAbsent(c.substring(dot + 1), c);
            }
        }
        this.deniedByLastSegment = Map.copyOf(lastSegments);
    }

    /** A denied dotted call whose last part is {@code attribute} ({@code system} gives os.system), or null. */
    String deniedCallEndingWith(String attribute) {
        return deniedByLastSegment.get(attribute);
    }

    /** Denied dotted calls in name order. */
    Set<String> deniedCalls() {
        return new TreeSet<>(deniedCalls);
    }

    /** Why importing {@code module} is refused, or null when it is allowed. */
    String importProblem(String module) {
        if (module.equals("__future__")) {
            return null;
        }
        if (ValidationPolicy.matchesNameOrParent(module, deniedImports)) {
            return "module " + module + " is denied by the validation policy";
        }
        if (policy.importMode() == ValidationPolicy.ImportMode.ALLOWLIST
                && !ValidationPolicy.matchesNameOrParent(module, policy.allowedImports())
                && !partialModules.contains(module)) {
            return "module " + module + " is not on the policy's list of allowed imports";
        }
        if (policy.importMode() == ValidationPolicy.ImportMode.DENYLIST
                && module.startsWith("_")
                && !ValidationPolicy.matchesNameOrParent(module, policy.allowedImports())) {
            return "private interpreter module " + module + " bypasses the policy";
        }
        return null;
    }

    /** Gate policies: whether {@code module} may be imported although only some of its members may be used. */
    boolean isPartial(String module) {
        return partialModules.contains(module)
                && !ValidationPolicy.matchesNameOrParent(module, policy.allowedImports());
    }

    /**
     * Gate policies: why the member {@code qualified} ({@code os.system}) of a module allowed only in part may not
     * be used, or null when it may (or when its module is not allowed at all: the import is reported instead).
     */
    String memberProblem(String qualified) {
        if (!policy.isGate() || ValidationPolicy.matchesNameOrParent(qualified, policy.allowedImports())) {
            return null;
        }
        String module = qualified;
        while (module.indexOf('.') > 0) {
            module = module.substring(0, module.lastIndexOf('.'));
            if (partialModules.contains(module)) {
                return qualified + " is not among the members of " + module + " the policy allows (allowed: "
                        + allowedMembers(module) + ")";
            }
        }
        return null;
    }

    /** Up to twelve allowed members of {@code module}, for messages. */
    String allowedMembers(String module) {
        Set<String> names = new TreeSet<>();
        for (String a : policy.allowedImports()) {
            if (a.startsWith(module + ".")) {
                names.add(a.substring(module.length() + 1));
            }
        }
        String shown = String.join(", ", names.stream().limit(12).toList());
        return names.size() > 12 ? shown + ", ..." : shown;
    }

    /** Whether a reference to the fully qualified {@code name} is a denied call. */
    boolean isDeniedCall(String name) {
        String n = name.startsWith(PyRules.BUILTINS_PREFIX) ? name.substring(PyRules.BUILTINS_PREFIX.length()) : name;
        return ValidationPolicy.matchesNameOrParent(n, deniedCalls);
    }

    /** The denied module {@code qualified} is or lies below ({@code subprocess.run} gives subprocess), or null. */
    String deniedModule(String qualified) {
        String n = qualified;
        while (true) {
            if (deniedImports.contains(n)) {
                return n;
            }
            int dot = n.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(0, dot);
        }
    }
}
