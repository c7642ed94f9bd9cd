package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;

/**
 * The {@code format-traversal} rule: replacement fields such as {@code "{0.__class__}"} that walk from a formatted
 * value into interpreter internals, in literals and in templates folded from pieces. Not thread-safe; one per
 * validation.
 */
final class PyFormatFields {
    private final PyText text;
    private final PyBindings bindings;
    private final PyEffects.Reporter reporter;

    PyFormatFields(PyText text, PyBindings bindings, PyEffects.Reporter reporter) {
        this.text = text;
        this.bindings = bindings;
        this.reporter = reporter;
    }

    /** {@code "{0.__class__}".format(x)}: replacement fields that walk into interpreter internals. */
    void checkLiteral(PyNode string) {
        Val v = text.stringValue(string);
        if (v != null) {
            scanFormatFields(v.text(), string);
        }
    }

    /** Reports the first replacement field of {@code s} that walks into interpreter internals; true if one did. */
    private boolean scanFormatFields(String s, PyNode at) {
        if (s.indexOf('{') < 0) {
            return false;
        }
        for (int i = s.indexOf('{'); i >= 0 && i < s.length(); i = s.indexOf('{', i + 1)) {
            if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                i++;
                continue;
            }
            int close = s.indexOf('}', i);
            if (close < 0) {
                return false;
            }
            String field = s.substring(i + 1, close);
            int cut = field.length();
            for (char stop : new char[] {'!', ':'}) {
                int k = field.indexOf(stop);
                if (k >= 0 && k < cut) {
                    cut = k;
                }
            }
            String[] parts = field.substring(0, cut).split("[.\\[\\]]");
            for (int p = 1; p < parts.length; p++) {
                String part = parts[p].trim();
                if (PyRules.ESCAPE_ATTRIBUTES.contains(part) || PyRules.ESCAPE_NAMES.contains(part)) {
                    reporter.report(
                            PyRules.FORMAT_TRAVERSAL,
                            true,
                            "format field {" + field + "} walks to " + part
                                    + " (a sandbox-escape pattern); format plain values instead",
                            at);
                    return true;
                }
            }
        }
        return false;
    }

    /** A format template that is not one literal ({@code t = "{0." + "__class__}"}): its folded values. */
    void checkFolded(PyNode template) {
        if (template == null || template.is("string")) {
            return;
        }
        for (Val v : bindings.values(template)) {
            if (scanFormatFields(v.text(), template)) {
                return;
            }
        }
    }
}
