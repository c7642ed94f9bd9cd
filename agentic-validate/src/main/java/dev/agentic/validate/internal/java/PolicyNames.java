package dev.agentic.validate.internal.java;

import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationPolicy.ImportMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Decides names against a {@link ValidationPolicy} plus the built-in tables. The most specific entry wins:
 * allowing {@code java.lang.reflect.Array} beats the built-in denial of {@code java.lang.reflect}; on a tie
 * the allowance wins. Thread-safe (immutable).
 */
final class PolicyNames {
    /** Why a name is not allowed: the rule it falls under and what to do instead. */
    record Verdict(RuleId rule, String advice) {}

    private final ValidationPolicy policy;

    PolicyNames(ValidationPolicy policy) {
        this.policy = policy;
    }

    /**
     * The verdict on a type or package {@code fqn}, or null when allowed.
     *
     * @param implicit true for names reachable without an import (java.lang), which allowlist mode accepts
     */
    Verdict type(String fqn, boolean implicit) {
        int allowed = depth(fqn, policy.allowedImports());
        int userDenied = depth(fqn, policy.deniedImports());
        String builtinKey = longestMatch(fqn, JavaRules.TYPES);
        int builtin = builtinKey == null ? -1 : remaining(fqn, builtinKey);
        if (moreSpecific(userDenied, allowed)) {
            String key = longestMatch(fqn, JavaRules.TYPES);
            String advice = key != null
                    ? JavaRules.TYPES.get(key).advice()
                    : JavaRules.gateAdvice(fqn, "denied by the validation policy; use another API.");
            return new Verdict(JavaRules.DENIED_IMPORT, advice);
        }
        if (moreSpecific(builtin, allowed)) {
            JavaRules.Denial d = JavaRules.TYPES.get(builtinKey);
            return new Verdict(d.rule(), d.advice());
        }
        if (policy.importMode() == ImportMode.ALLOWLIST && allowed < 0 && !implicit) {
            return new Verdict(
                    JavaRules.DENIED_IMPORT,
                    "not in the policy's allowed imports; use only allowed packages (the strict policy allows "
                            + "java.util, java.time, java.math, java.text, java.io, java.nio.file, java.net.URI, "
                            + "java.net.http and a few more).");
        }
        return null;
    }

    /**
     * The verdict on a call, or null when allowed.
     *
     * @param names the call's names from most to least qualified: {@code java.lang.System.exit},
     *     {@code System.exit}, {@code exit}
     * @param builtin the built-in denial for the call, or null
     */
    Verdict call(List<String> names, JavaRules.Denial builtin) {
        int allowed = -1;
        int userDenied = -1;
        for (String n : names) {
            allowed = best(allowed, depth(n, policy.allowedCalls()));
            userDenied = best(userDenied, depth(n, policy.deniedCalls()));
        }
        if (moreSpecific(userDenied, allowed)) {
            String advice = builtin != null
                    ? builtin.advice()
                    : JavaRules.gateAdvice(names.get(0), "denied by the validation policy; do this another way.");
            return new Verdict(JavaRules.DENIED_CALL, advice);
        }
        if (builtin != null && allowed < 0) {
            return new Verdict(builtin.rule(), builtin.advice());
        }
        return null;
    }

    private static boolean moreSpecific(int denied, int allowed) {
        return denied >= 0 && (allowed < 0 || denied < allowed);
    }

    private static int best(int a, int b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** How many dotted segments of {@code name} lie below its most specific entry in {@code names}; -1 if none. */
    static int depth(String name, Collection<String> names) {
        if (names.isEmpty()) {
            return -1;
        }
        String n = name;
        int removed = 0;
        while (true) {
            if (names.contains(n)) {
                return removed;
            }
            int dot = n.lastIndexOf('.');
            if (dot < 0) {
                return -1;
            }
            n = n.substring(0, dot);
            removed++;
        }
    }

    static String longestMatch(String name, Map<String, ?> table) {
        String n = name;
        while (true) {
            if (table.containsKey(n)) {
                return n;
            }
            int dot = n.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(0, dot);
        }
    }

    private static int remaining(String name, String prefix) {
        int count = 0;
        for (int i = prefix.length(); i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                count++;
            }
        }
        return count;
    }
}
