package dev.agentic.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every form a program's encoders give a secret, generated with the JDK's own encoders, is masked. */
class RedactorFormsTest {
    /** An AWS-style key: '/', '+' and '=' are what percent-encoders and Base64 disagree about. */
    private static final String AWS = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLE=KEY";
    /** Space, quote, backslash, slash, Latin-1, BMP and a character outside the BMP. */
    private static final String MIXED = "pä ss\"w\\ö/rd€-😀-end";

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> textForms() {
        List<Arguments> cases = new ArrayList<>();
        for (String secret : List.of(AWS, MIXED)) {
            form(cases, secret, "raw", s -> s);
            form(cases, secret, "URLEncoder (+ for space, upper-case hex)", RedactorFormsTest::urlEncoder);
            form(cases, secret, "URLEncoder, lower-case hex", s -> lowerHex(urlEncoder(s)));
            form(cases, secret, "%20 for space", s -> urlEncoder(s).replace("+", "%20"));
            form(cases, secret, "quote(safe='/')", s -> percent(s, "/", false));
            form(cases, secret, "quote(safe='') lower-case", s -> percent(s, "", true));
            form(cases, secret, "reserved characters kept", s -> percent(s, "/+=:\"\\", false));
            form(cases, secret, "JSON as Jackson writes it", RedactorFormsTest::jackson);
            form(cases, secret, "JSON with \\/", s -> jackson(s).replace("/", "\\/"));
            form(cases, secret, "JSON ensure_ascii", s -> ascii(jackson(s), false));
            form(
                    cases,
                    secret,
                    "Python ascii()",
                    s -> ascii(s.replace("\\", "\\\\").replace("'", "\\'"), true));
            form(cases, secret, "zero-width spaces between characters", s -> interleave(s, "\u200B"));
            form(cases, secret, "word joiners and soft hyphens", s -> interleave(s, "\u2060\u00AD"));
            form(
                    cases,
                    secret,
                    "format characters inside a percent-encoding",
                    s -> urlEncoder(interleave(s, "\uFEFF")));
        }
        return cases.stream();
    }

    private static void form(List<Arguments> cases, String secret, String name, UnaryOperator<String> encoder) {
        cases.add(Arguments.of(name + " of " + (secret == AWS ? "AWS key" : "mixed"), secret, encoder.apply(secret)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textForms")
    void everyTextFormIsMasked(String name, String secret, String form) {
        Redactor r = Redactor.of(List.of(secret));

        String out = r.redact("before " + form + " after");

        assertThat(out).startsWith("before ").endsWith(" after").contains(Redactor.MASK);
        String rest = out.substring(7, out.length() - 6)
                .replace(Redactor.MASK, "")
                .replace("\"", "")
                .replace("%EF%BB%BF", "")
                .replaceAll("\\p{Cf}", "");
        assertThat(rest).as("left of %s: %s", name, out).isEmpty();
    }

    static Stream<Arguments> base64Forms() {
        List<Arguments> cases = new ArrayList<>();
        for (String secret : List.of(AWS, MIXED)) {
            for (String before : List.of("", "a", "ab", "user:")) {
                for (String after : List.of("", "z", "yz")) {
                    byte[] data = (before + secret + after).getBytes(StandardCharsets.UTF_8);
                    for (Base64.Encoder e : List.of(
                            Base64.getEncoder(),
                            Base64.getEncoder().withoutPadding(),
                            Base64.getUrlEncoder(),
                            Base64.getUrlEncoder().withoutPadding())) {
                        int extra = (before + after).getBytes(StandardCharsets.UTF_8).length;
                        cases.add(Arguments.of(secret, e.encodeToString(data), extra));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("base64Forms")
    void base64AtEveryAlignmentIsMaskedButForTheBitsOfItsNeighbours(String secret, String encoded, int extraBytes) {
        Redactor r = Redactor.of(List.of(secret));

        String out = r.redact("Authorization: Basic " + encoded + "\n");

        assertThat(out).contains(Redactor.MASK).doesNotContain(encoded);
        int left = out.replace(Redactor.MASK, "").length() - "Authorization: Basic \n".length();
        // what remains encodes the neighbouring bytes, at most a character and two of padding on each side
        assertThat(left).isLessThanOrEqualTo((extraBytes * 8 + 5) / 6 + 4);
    }

    @Test
    void trimmedValueIsMasked() {
        Redactor r = Redactor.of(List.of("  sk-live-with-spaces\n"));

        assertThat(r.redact("key=sk-live-with-spaces.")).isEqualTo("key=" + Redactor.MASK + ".");
    }

    @Test
    void aSecretCutAtAnyByteLeavesNoTwoCharactersOfItAtTheEnd() {
        for (String secret : List.of(AWS, MIXED, "ключ-секрет-значение")) {
            Redactor r = Redactor.of(List.of(secret));
            byte[] all = ("out: " + secret).getBytes(StandardCharsets.UTF_8);
            int start = "out: ".length();
            for (int cut = start; cut <= all.length; cut++) {
                String text = new String(all, 0, cut, StandardCharsets.UTF_8);

                String out = r.redactTruncated(text);

                String shown = out.substring(Math.min(out.length(), start));
                if (cut - start >= 2 * 4) { // at least two characters of the value, however wide
                    assertThat(out).as("cut at byte %d", cut).isEqualTo("out: " + Redactor.MASK);
                }
                String left = shown.replace(Redactor.MASK, "").replace("\uFFFD", "");
                assertThat(left.codePointCount(0, left.length()))
                        .as("cut at byte %d: %s", cut, out)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        Redactor r = Redactor.of(List.of(AWS, MIXED));
        String text = "100% done + 3 \\n items {\"a\": \"b\\/c\"} dGVzdA== \u200B ok";

        assertThat(r.redact(text)).isEqualTo(text);
        assertThat(r.containsSecret(text)).isFalse();
    }

    private static String urlEncoder(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String lowerHex(String encoded) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            b.append(c);
            if (c == '%') {
                b.append(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            }
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding keeping unreserved characters and {@code safe}. */
    private static String percent(String s, String safe, boolean lower) {
        HexFormat hex = lower ? HexFormat.of() : HexFormat.of().withUpperCase();
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
                b.append(c);
            } else {
                b.append('%').append(hex.toHexDigits(x));
            }
        }
        return b.toString();
    }

    private static String jackson(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Non-ASCII as escapes: {@code \\uXXXX} per UTF-16 unit, or Python's {@code \xXX}/{@code \UXXXXXXXX}. */
    private static String ascii(String s, boolean python) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                b.appendCodePoint(cp);
            } else if (python && cp < 0x100) {
                b.append(String.format("\\x%02x", cp));
            } else if (python && cp > 0xFFFF) {
                b.append(String.format("\\U%08x", cp));
            } else {
                for (char c : Character.toChars(cp)) {
                    b.append(String.format("\\u%04x", (int) c));
                }
            }
        });
        return b.toString();
    }

    private static String interleave(String s, String between) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.appendCodePoint(cp).append(between));
        return b.toString();
    }
}
