package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The string-building calls {@link PyLeads} follows: {@code %} and {@code str.format} templates filled with their
 * arguments, and {@code urljoin}. Part of {@link PyLeads}; not thread-safe, one per validation.
 */
final class PyTemplates {
    private final PyLeads leads;

    PyTemplates(PyLeads leads) {
        this.leads = leads;
    }

    /**
     * {@code urljoin(base, ref)}: a relative {@code ref} keeps the base's scheme and host (a complete base ends
     * its host, so a "/" is added to say so); any other ref leaves nothing known.
     */
    static List<Val> joined(List<Val> base, List<Val> ref) {
        if (!relative(ref)) {
            return List.of(PyLeads.NOTHING_KNOWN);
        }
        return base.stream()
                .map(v -> v.complete() ? new Val(v.text() + "/", false) : new Val(v.text(), false))
                .toList();
    }

    /**
     * A {@code %} ({@code percent}) or {@code str.format} template filled with the leads of its arguments: plain
     * {@code %s}/{@code %d} conversions in order, or {@code {}}, {@code {0}} and {@code {name}} fields. The value is
     * known up to the first field it cannot fill.
     */
    List<Val> fill(
            List<Val> templates, List<PyNode> positional, Map<String, PyNode> keywords, boolean percent, int depth) {
        List<Val> out = new ArrayList<>();
        for (Val t : templates) {
            List<Val> acc = List.of(new Val("", true));
            String s = t.text();
            int next = 0;
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                char open = percent ? '%' : '{';
                if (c != open && !(c == '}' && !percent && i + 1 < s.length() && s.charAt(i + 1) == '}')) {
                    acc = PyLeads.concat(acc, List.of(new Val(String.valueOf(c), true)));
                    i++;
                    continue;
                }
                if (i + 1 < s.length() && s.charAt(i + 1) == c) {
                    acc = PyLeads.concat(acc, List.of(new Val(String.valueOf(c), true)));
                    i += 2;
                    continue;
                }
                PyNode arg = null;
                int end;
                if (percent) {
                    end = i + 2;
                    boolean plain = i + 1 < s.length() && "sdi".indexOf(s.charAt(i + 1)) >= 0;
                    arg = plain && next < positional.size() ? positional.get(next++) : null;
                } else {
                    int close = s.indexOf('}', i);
                    end = close < 0 ? s.length() : close + 1;
                    String field = close < 0 ? "!" : s.substring(i + 1, close);
                    if (field.isEmpty()) {
                        arg = next < positional.size() ? positional.get(next++) : null;
                    } else if (field.matches("\\d{1,3}")) {
                        int k = Integer.parseInt(field);
                        arg = k < positional.size() ? positional.get(k) : null;
                    } else if (field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        arg = keywords.get(field);
                    }
                }
                acc = PyLeads.concat(acc, arg == null ? List.of(PyLeads.NOTHING_KNOWN) : leads.leads(arg, depth + 1));
                if (acc.stream().noneMatch(Val::complete)) {
                    break;
                }
                i = end;
            }
            out = PyLeads.union(out, t.complete() ? acc : PyLeads.incomplete(acc));
        }
        return out;
    }

    /** Whether every value is a known relative reference ({@code customers/}, {@code /v1/x}, not {@code //host}). */
    private static boolean relative(List<Val> vs) {
        for (Val v : vs) {
            String t = v.text();
            int slash = t.indexOf('/');
            String head = slash < 0 ? t : t.substring(0, slash);
            if (t.isEmpty()
                    || t.startsWith("//")
                    || t.startsWith("\\")
                    || head.contains(":")
                    || (slash < 0 && !v.complete())) {
                return false;
            }
        }
        return true;
    }
}
