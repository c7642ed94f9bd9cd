package dev.agentic.validate.internal.java;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.Severity;
import dev.agentic.core.validate.ValidationPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects findings for one validation: drops disabled rules and duplicates. Not thread-safe. */
final class Findings {
    private final ValidationPolicy policy;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Findings(ValidationPolicy policy) {
        this.policy = policy;
    }

    void error(RuleId rule, Node at, String message) {
        add(rule, Severity.ERROR, at, message);
    }

    void warning(RuleId rule, Node at, String message) {
        add(rule, Severity.WARNING, at, message);
    }

    void add(RuleId rule, Severity severity, Node at, String message) {
        Position p = at == null ? null : at.getBegin().orElse(null);
        add(new Finding(rule, severity, message, p == null ? 0 : p.line, p == null ? 0 : p.column));
    }

    void add(Finding f) {
        if (policy.isRuleEnabled(f.rule()) && seen.add(f.rule().id() + ':' + f.line() + ':' + f.column())) {
            findings.add(f);
        }
    }

    boolean enabled(RuleId rule) {
        return policy.isRuleEnabled(rule);
    }

    /** The findings in source order. */
    List<Finding> sorted() {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return out;
    }
}
