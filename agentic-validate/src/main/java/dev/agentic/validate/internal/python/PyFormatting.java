package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds Python string formatting whose template and arguments are known: {@code "https://%s/v1" % host} and
 * {@code "https://{}/v1".format(host)}. Part of {@link PyValues}; not thread-safe, one per validation.
 */
final class PyFormatting {
    private final PyText text;
    private final PyValues values;

    PyFormatting(PyText text, PyValues values) {
        this.text = text;
        this.values = values;
    }

    /**
     * {@code "https://%s/v1" % host}: {@code %} conversions filled with known argument values. The result is
     * known up to the first conversion whose value is not; {@code %(name)s} fields are never filled.
     */
    List<Val> percent(PyNode template, PyNode operand, int depth) {
        String t = template == null ? null : values.single(template, depth);
        if (t == null || operand == null) {
            return List.of();
        }
        List<PyNode> args = operand.is("tuple") ? operand.namedChildren() : List.of(operand);
        StringBuilder sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i + 1 < t.length() && t.charAt(i + 1) == '%') {
                sb.append('%');
                i++;
                continue;
            }
            int j = i + 1;
            while (j < t.length() && "#0- +.0123456789*".indexOf(t.charAt(j)) >= 0) {
                j++;
            }
            boolean plain = j == i + 1 && j < t.length() && "sdri".indexOf(t.charAt(j)) >= 0;
            String v = plain && next < args.size() ? values.single(args.get(next), depth) : null;
            if (v == null) {
                return List.of(new Val(sb.toString(), false));
            }
            sb.append(v);
            next++;
            i = j;
        }
        return List.of(new Val(sb.toString(), true));
    }

    /** {@code "https://{}/v1".format(host)}: plain replacement fields filled with known argument values. */
    List<Val> braces(PyNode template, PyNode args, int depth) {
        String t = template == null ? null : values.single(template, depth);
        if (t == null) {
            return List.of();
        }
        List<PyNode> positional = new ArrayList<>();
        Map<String, PyNode> keywords = new HashMap<>();
        for (PyNode a : args.namedChildren()) {
            if (a.is("keyword_argument")) {
                if (a.child("name") != null) {
                    keywords.put(text.name(a.child("name")), a.child("value"));
                }
            } else if (!a.is("list_splat") && !a.is("dictionary_splat")) {
                positional.add(a);
            }
        }
        StringBuilder sb = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < t.length() && t.charAt(i + 1) == c) {
                sb.append(c);
                i++;
                continue;
            }
            if (c != '{') {
                sb.append(c);
                continue;
            }
            int close = t.indexOf('}', i);
            String field = close < 0 ? "" : t.substring(i + 1, close);
            PyNode arg = null;
            if (field.isEmpty()) {
                arg = auto < positional.size() ? positional.get(auto++) : null;
            } else if (field.chars().allMatch(Character::isDigit)) {
                int k = Integer.parseInt(field.length() > 6 ? "999999" : field);
                arg = k < positional.size() ? positional.get(k) : null;
            } else if (field.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                arg = keywords.get(field);
            }
            String v = arg == null ? null : values.single(arg, depth);
            if (v == null) {
                return List.of(new Val(sb.toString(), false));
            }
            sb.append(v);
            i = close;
        }
        return List.of(new Val(sb.toString(), true));
    }
}
