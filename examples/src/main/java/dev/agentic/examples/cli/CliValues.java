package dev.agentic.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.internal.RecordJson;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.validate.Finding;
import java.net.InetAddress;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing shared by the subcommands: durations, sizes, NAME=VALUE pairs, secret refs, JSON. */
final class CliValues {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]i?b?|b)?");

    private CliValues() {
    }

    /** {@code 500ms}, {@code 10s} (the default unit), {@code 2m}, {@code 1h}. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigurationException(option + " '" + text + "' is not a duration; write e.g. 500ms, 10s, 2m.");
        }
        long v = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms": return Duration.ofMillis(v);
            case "m": return Duration.ofMinutes(v);
            case "h": return Duration.ofHours(v);
            default: return Duration.ofSeconds(v);
        }
    }

    /** {@code 64k}, {@code 512m}, {@code 1g}, {@code 100} (bytes); binary multiples. */
    static long size(String option, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigurationException(option + " '" + text + "' is not a size; write e.g. 64k, 512m, 1g.");
        }
        long v = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        switch (unit) {
            case "k": return v << 10;
            case "m": return v << 20;
            case "g": return v << 30;
            default: return v;
        }
    }

    /** Splits {@code NAME=VALUE} at the first '='. */
    static String[] pair(String option, String text) {
        int eq = text.indexOf('=');
        if (eq < 1) {
            throw new ConfigurationException(option + " '" + text + "' must be NAME=VALUE.");
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }

    /**
     * Parses {@code --secret NAME=REF}. REF is {@code env:VARIABLE} (more kinds come with other secret
     * providers).
     */
    static Map.Entry<String, SecretRef> secret(String text) {
        String[] kv = pair("--secret", text);
        if (!kv[1].startsWith("env:") || kv[1].length() == 4) {
            throw new ConfigurationException("--secret " + kv[0] + "=" + kv[1] + ": REF must be env:VARIABLE "
                    + "(the only kind supported here), e.g. --secret API_KEY=env:STRIPE_KEY");
        }
        return new AbstractMap.SimpleImmutableEntry<>(kv[0], SecretRef.of(kv[1].substring(4)));
    }

    /** Whether an allowlisted host is a loopback address or name with an explicit port. */
    static boolean isLoopback(HostPort hp) {
        if (hp.port() == 0) {
            return false;
        }
        String h = hp.host();
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Text safe for a terminal: control characters other than newline and tab become '?'. */
    static String displayable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(
                cp == '\n' || cp == '\t' || !Character.isISOControl(cp) ? cp : '?'));
        return sb.toString();
    }

    /**
     * The JSON of a run as {@code agentic exec --json} prints it: the record's result fields plus the
     * findings; {@code result == null} means the validator rejected the program.
     */
    static ObjectNode resultJson(ExecutionResult result, List<Finding> findings) {
        ObjectNode n;
        if (result == null) {
            n = JSON.createObjectNode();
            n.put("status", "REJECTED");
            n.putNull("exitCode");
            n.putNull("signal");
            n.putNull("limit");
            n.put("stdout", "");
            n.put("stderr", "");
            n.put("stdoutTruncated", false);
            n.put("stderrTruncated", false);
            n.put("durationMs", 0);
            n.putArray("files");
            n.putArray("network");
        } else {
            n = RecordJson.result(result);
        }
        ArrayNode found = n.putArray("findings");
        for (Finding f : findings) {
            found.addObject().put("rule", f.rule().id()).put("severity", f.severity().id()).put("message", f.message())
                    .put("line", f.line()).put("column", f.column());
        }
        return n;
    }
}
