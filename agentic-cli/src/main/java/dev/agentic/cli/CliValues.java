package dev.agentic.cli;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.spi.SecretSource;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.FileSystemArtifactStore;
import dev.agentic.core.validate.CodeValidator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing shared by the subcommands: durations, sizes, NAME=VALUE pairs, secrets, locations. */
final class CliValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]i?b?|b)?");

    private CliValues() {}

    /**
     * Refuses, in one line, a language no validator on the classpath checks, before anything runs.
     *
     * @param remedy what the user can do instead, a sentence
     * @throws ConfigurationException when there is no validator for {@code language}
     */
    static void requireValidator(Language language, String remedy) {
        if (!CodeValidator.supportedLanguages().contains(language)) {
            throw new ConfigurationException("there is no validator for " + language.displayName()
                    + " programs (there are for "
                    + String.join(", ", validatedLanguages()) + "); " + remedy);
        }
    }

    /** The ids of the languages a validator checks, e.g. {@code [python, java]}. */
    static List<String> validatedLanguages() {
        return CodeValidator.supportedLanguages().stream().map(Language::id).toList();
    }

    /** {@code 500ms}, {@code 10s} (the default unit), {@code 2m}, {@code 1h}. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigurationException(option + " '" + text + "' is not a duration; write e.g. 500ms, 10s, 2m.");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            long v = Long.parseLong(m.group(1));
            switch (unit) {
                case "ms":
                    return Duration.ofMillis(v);
                case "m":
                    return Duration.ofMinutes(v);
                case "h":
                    return Duration.ofHours(v);
                default:
                    return Duration.ofSeconds(v);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ConfigurationException(option + " '" + text + "' is too long a duration.", e);
        }
    }

    /** {@code 64k}, {@code 512m}, {@code 1g}, {@code 100} (bytes); binary multiples. */
    static long size(String option, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigurationException(option + " '" + text + "' is not a size; write e.g. 64k, 512m, 1g.");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        int shift = unit.equals("k") ? 10 : unit.equals("m") ? 20 : unit.equals("g") ? 30 : 0;
        long v;
        try {
            v = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(option + " '" + text + "' is too large a size.", e);
        }
        if (v > (Long.MAX_VALUE >> shift)) {
            throw new ConfigurationException(option + " '" + text + "' is too large a size.");
        }
        return v << shift;
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
     * One {@code --secret NAME=SPEC}: the program's environment variable {@code name}, the reference the task
     * carries ({@code key}, the spec itself, so secrets of different backends never collide) and where the value
     * comes from.
     */
    record Secret(String name, SecretRef key, SecretSource source) {}

    /**
     * Parses {@code --secret NAME=SPEC} options; SPEC is {@code env:VARIABLE} or a scheme of a secret provider on
     * the classpath. Nothing is resolved yet.
     *
     * @throws ConfigurationException naming the option when one is malformed or no provider accepts its spec
     */
    static List<Secret> secrets(List<String> options) {
        ProviderLookup<SecretSource> lookup = ProviderLookup.secrets().named("--secret");
        Map<String, SecretSource> bySpec = new HashMap<>();
        List<Secret> secrets = new ArrayList<>();
        for (String option : options) {
            String[] kv = pair("--secret", option);
            SecretSource source =
                    bySpec.computeIfAbsent(kv[1], spec -> lookup.create(spec, ProviderContext.defaults()));
            secrets.add(new Secret(kv[0], SecretRef.of(kv[1]), source));
        }
        return secrets;
    }

    /** Parses one {@code --allow-host} value; the error names the option. */
    static HostPort host(String option, String text) {
        try {
            return HostPort.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(option + ": " + e.getMessage(), e);
        }
    }

    /** The providers' context: the loopback destinations and the {@code --region} value, if any; errors name it. */
    static ProviderContext context(List<HostPort> loopback, String region) {
        ProviderContext.Builder b = ProviderContext.builder().loopbackHosts(loopback);
        if (region == null) {
            return b.build();
        }
        try {
            return b.region(region).build();
        } catch (ConfigurationException e) {
            throw new ConfigurationException(
                    "--region '" + region + "' is not a region name: write letters and "
                            + "digits joined by hyphens, e.g. --region us-west-2.",
                    e);
        }
    }

    /** {@code context} with the {@code --setup} commands added. */
    static ProviderContext withSetup(ProviderContext context, List<String> setup) {
        ProviderContext.Builder b = context.toBuilder();
        for (String command : setup) {
            if (command.isBlank()) {
                throw new ConfigurationException(
                        "--setup needs a command, e.g. --setup \"pip install stripe==11.1.1\".");
            }
            b.setupCommand(command);
        }
        return b.build();
    }

    /**
     * The chat model of a {@code --model} spec, created in {@code context}. A spec without a scheme that names
     * an existing file gets the hint to write {@code scripted:FILE}.
     */
    static ChatModel chatModel(String spec, ProviderContext context) {
        try {
            return ProviderLookup.chatModels().named("--model").create(spec, context);
        } catch (ConfigurationException e) {
            if (!spec.contains(":") && isFile(spec)) {
                throw new ConfigurationException(
                        e.getMessage() + " " + spec + " is a file: to answer from it, " + "write --model scripted:"
                                + spec + ".",
                        e);
            }
            throw e;
        }
    }

    private static boolean isFile(String text) {
        try {
            return Files.isRegularFile(Path.of(text));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Where the store keeps {@code key}: a file path (relative when under the working directory) or the key. */
    static String location(ArtifactStore store, String key) {
        if (store instanceof FileSystemArtifactStore fs) {
            return shortPath(fs.pathOf(key));
        }
        return store + " " + key;
    }

    /** Where the store is: its directory, or its description. */
    static String location(ArtifactStore store) {
        return store instanceof FileSystemArtifactStore fs ? fs.root().toString() : store.toString();
    }

    private static String shortPath(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return (absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute).toString();
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
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Text safe for a terminal: control characters other than newline and tab become '?'. */
    static String displayable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints()
                .forEach(cp -> sb.appendCodePoint(cp == '\n' || cp == '\t' || !Character.isISOControl(cp) ? cp : '?'));
        return sb.toString();
    }
}
