package dev.agentic.core.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text as a program's encoder may have turned it, decoded back, with each decoded character mapped to the
 * range of the original text it came from. Unicode format characters (zero-width space, word joiner, soft
 * hyphen, byte-order mark…) are left out of every view, so a secret interleaved with them still matches. Not
 * thread-safe; built per call.
 */
final class TextView {
    /** How the view decodes. */
    enum Kind {
        /** The text itself, without format characters. */
        PLAIN,
        /**
         * Percent-encoding decoded: {@code %XX} in either case, runs of them as UTF-8; with {@code plusIsSpace},
         * {@code +} and space are one character (the needles are folded the same way).
         */
        PERCENT,
        /**
         * String escapes of JSON, JavaScript and Python {@code repr}/{@code ascii} decoded: {@code \" \\ \/ \'
         * \n \r \t \b \f \\uXXXX \xXX \UXXXXXXXX}.
         */
        ESCAPES
    }

    private final StringBuilder chars;
    private final boolean plusIsSpace;
    private int[] from;
    private int[] to;

    private TextView(int capacity, boolean plusIsSpace) {
        this.plusIsSpace = plusIsSpace;
        chars = new StringBuilder(capacity);
        from = new int[Math.max(16, capacity)];
        to = new int[from.length];
    }

    CharSequence chars() {
        return chars;
    }

    /** Start in the original text of the view's character {@code i}. */
    int from(int i) {
        return from[i];
    }

    /** End (exclusive) in the original text of the view's character {@code i}. */
    int to(int i) {
        return to[i];
    }

    int length() {
        return chars.length();
    }

    /** Whether {@code kind} could differ from the text at all (otherwise it need not be built). */
    static boolean applies(Kind kind, String text, boolean hasFormat) {
        switch (kind) {
            case PERCENT:
                return text.indexOf('%') >= 0 || text.indexOf('+') >= 0;
            case ESCAPES:
                return text.indexOf('\\') >= 0;
            default:
                return hasFormat;
        }
    }

    static boolean hasFormatCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isFormat(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isFormat(char c) {
        return c >= 0xAD && Character.getType(c) == Character.FORMAT;
    }

    /** {@code s} as it reads in a view: without format characters, and with {@code +} as space if asked. */
    static String fold(String s, boolean plusIsSpace) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isFormat(c)) {
                b.append(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        return b.toString();
    }

    static TextView of(Kind kind, String text, boolean plusIsSpace) {
        TextView v = new TextView(text.length(), kind == Kind.PERCENT && plusIsSpace);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int next = i + 1;
            if (kind == Kind.PERCENT && c == '%') {
                next = v.percent(text, i);
            } else if (kind == Kind.ESCAPES && c == '\\' && i + 1 < text.length()) {
                next = v.escape(text, i);
            } else {
                v.add(c, i, next);
            }
            i = next;
        }
        return v;
    }

    private void add(char c, int start, int end) {
        if (isFormat(c)) {
            return;
        }
        int n = chars.length();
        if (n == from.length) {
            int size = n * 2;
            from = Arrays.copyOf(from, size);
            to = Arrays.copyOf(to, size);
        }
        chars.append(plusIsSpace && c == '+' ? ' ' : c);
        from[n] = start;
        to[n] = end;
    }

    /** Decodes a run of {@code %XX} starting at {@code i}; returns the index after what it consumed. */
    private int percent(String text, int i) {
        int j = i;
        while (j + 2 < text.length()
                && text.charAt(j) == '%'
                && hex(text.charAt(j + 1)) >= 0
                && hex(text.charAt(j + 2)) >= 0) {
            j += 3;
        }
        if (j == i) {
            add('%', i, i + 1);
            return i + 1;
        }
        ByteBuffer bytes = ByteBuffer.allocate((j - i) / 3);
        for (int k = i; k < j; k += 3) {
            bytes.put((byte) (hex(text.charAt(k + 1)) * 16 + hex(text.charAt(k + 2))));
        }
        bytes.flip();
        try {
            CharBuffer decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            // each character maps to its own %XX triplets (1 to 4 UTF-8 bytes)
            int at = i;
            for (int k = 0; k < decoded.length(); k++) {
                char c = decoded.charAt(k);
                if (Character.isHighSurrogate(c) && k + 1 < decoded.length()) {
                    add(c, at, at + 12);
                    add(decoded.charAt(++k), at, at + 12);
                    at += 12;
                } else {
                    int len = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                    add(c, at, at + 3 * len);
                    at += 3 * len;
                }
            }
        } catch (CharacterCodingException e) {
            // not UTF-8: one Latin-1 character per byte, each mapped to its own %XX
            for (int k = 0; bytes.hasRemaining(); k++) {
                add((char) (bytes.get() & 0xFF), i + 3 * k, i + 3 * k + 3);
            }
        }
        return j;
    }

    /** Decodes one backslash escape at {@code i}; returns the index after it. */
    private int escape(String text, int i) {
        char e = text.charAt(i + 1);
        switch (e) {
            case 'n':
                add('\n', i, i + 2);
                return i + 2;
            case 't':
                add('\t', i, i + 2);
                return i + 2;
            case 'r':
                add('\r', i, i + 2);
                return i + 2;
            case 'b':
                add('\b', i, i + 2);
                return i + 2;
            case 'f':
                add('\f', i, i + 2);
                return i + 2;
            case 'u':
                return codePoint(text, i, 4);
            case 'x':
                return codePoint(text, i, 2);
            case 'U':
                return codePoint(text, i, 8);
            default:
                // \" \\ \/ \' and any other escaped character stand for themselves
                add(e, i, i + 2);
                return i + 2;
        }
    }

    private int codePoint(String text, int i, int digits) {
        int end = i + 2 + digits;
        if (end > text.length()) {
            add('\\', i, i + 1);
            return i + 1;
        }
        int cp = 0;
        for (int k = i + 2; k < end; k++) {
            int h = hex(text.charAt(k));
            if (h < 0) {
                add('\\', i, i + 1);
                return i + 1;
            }
            cp = cp * 16 + h;
        }
        if (!Character.isValidCodePoint(cp)) {
            add('\\', i, i + 1);
            return i + 1;
        }
        for (char c : Character.toChars(cp)) {
            add(c, i, end);
        }
        return end;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
