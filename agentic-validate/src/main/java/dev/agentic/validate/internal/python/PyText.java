package dev.agentic.validate.internal.python;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Source text access for one program: identifier names (NFKC-normalised, as Python compares them) and the
 * values of string literals. Not thread-safe; one per validation.
 */
final class PyText {
    final String source;

    PyText(String source) {
        this.source = source;
    }

    String text(PyNode n) {
        return source.substring(n.start, Math.min(n.end, source.length()));
    }

    /** An identifier as Python sees it: NFKC-normalised ({@code ｅｖａｌ} is {@code eval}). */
    String name(PyNode n) {
        if (n.name != null) {
            return n.name;
        }
        String t = text(n);
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) >= 0x80) {
                t = Normalizer.normalize(t, Normalizer.Form.NFKC);
                break;
            }
        }
        n.name = t;
        return t;
    }

    /** A possibly partial string value: {@code complete} is false when only a prefix is known. */
    record Val(String text, boolean complete) {
        Val concat(Val other) {
            return complete ? new Val(text + other.text, other.complete) : this;
        }
    }

    /**
     * The value of a {@code string} node: the full text for a plain literal, the literal prefix (incomplete)
     * for an f-string with interpolations, null for bytes.
     */
    Val stringValue(PyNode string) {
        String prefix = "";
        StringBuilder sb = new StringBuilder();
        boolean raw = false;
        for (PyNode c : string.children) {
            switch (c.type) {
                case "string_start" -> {
                    prefix = text(c).toLowerCase(Locale.ROOT);
                    raw = prefix.indexOf('r') >= 0;
                    if (prefix.indexOf('b') >= 0) {
                        return null;
                    }
                }
                case "string_content" -> sb.append(raw ? text(c) : unescape(text(c)));
                case "interpolation" -> {
                    return new Val(sb.toString(), false);
                }
                default -> {}
            }
        }
        return new Val(sb.toString(), true);
    }

    /** Python escape sequences of a non-raw string. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int j = i;
                    while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        j++;
                    }
                    out.append((char) Integer.parseInt(s.substring(i, j), 8));
                    i = j - 1;
                }
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    long cp = isHex(s, i + 1, len) ? Long.parseLong(s.substring(i + 1, i + 1 + len), 16) : -1;
                    if (cp >= 0 && cp <= Character.MAX_CODE_POINT) {
                        out.appendCodePoint((int) cp);
                        i += len;
                    } else {
                        out.append('\\').append(e);
                    }
                }
                case 'N' -> {
                    int close = s.indexOf('}', i);
                    if (i + 1 < s.length() && s.charAt(i + 1) == '{' && close > 0) {
                        int cp = namedCodePoint(s.substring(i + 2, close));
                        if (cp >= 0) {
                            out.appendCodePoint(cp);
                        }
                        i = close;
                    } else {
                        out.append("\\N");
                    }
                }
                case '\n' -> {}
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int len) {
        if (from + len > s.length()) {
            return false;
        }
        for (int i = from; i < from + len; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int namedCodePoint(String name) {
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
