package dev.agentic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.Severity;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentic validate FILE}: checks a program with the SDK's validator and prints its findings.
 *
 * <p>Exit codes: 0 when there is no error finding, 1 when there is one, 2 for usage, configuration or I/O
 * errors (missing file, unknown language or policy, no validator for the language), with the reason on stderr.
 */
@Command(
        name = "validate",
        description = "Check a Python or Java program against the validation policy without running it.")
@Internal
public final class ValidateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "The program to check.")
    Path file;

    @Option(
            names = "--language",
            paramLabel = "LANGUAGE",
            description = "python or java; by default taken from the file extension.")
    String language;

    @Option(
            names = "--policy",
            paramLabel = "POLICY",
            defaultValue = "standard",
            description = "standard (deny list, the default) or strict (allow list of imports).")
    String policy;

    @Option(
            names = "--allow-host",
            paramLabel = "HOST",
            description = "A host the program may contact (repeatable); without it the program has no network.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Language lang = language();
            CodeValidator validator = CodeValidator.forLanguage(lang, policy());
            NetworkPolicy network = allowedHosts.isEmpty()
                    ? NetworkPolicy.none()
                    : NetworkPolicy.allow(allowedHosts.toArray(String[]::new));
            ValidationResult result = validator.validate(new Code(lang, read()), network);
            out.println(json ? json(result) : human(result));
            out.flush();
            return result.valid() ? AgenticCli.OK : AgenticCli.NOT_OK;
        } catch (ConfigurationException e) {
            err.println("agentic validate: " + e.getMessage());
            err.flush();
            return AgenticCli.USAGE;
        }
    }

    private Language language() {
        if (language != null) {
            return Language.parse(language);
        }
        Path name = file.getFileName();
        return Language.fromFileName(name == null ? file.toString() : name.toString())
                .orElseThrow(() -> new ConfigurationException("Cannot tell the language of " + file
                        + " from its extension; pass --language python or " + "--language java."));
    }

    private ValidationPolicy policy() {
        switch (policy.trim().toLowerCase(Locale.ROOT)) {
            case "standard":
                return ValidationPolicy.standard();
            case "strict":
                return ValidationPolicy.strict();
            default:
                throw new ConfigurationException("Unknown policy '" + policy + "'; use standard or strict.");
        }
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("File " + file + " does not exist; check the path.", e);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("File " + file + " is not UTF-8 text; save it as UTF-8.", e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private String human(ValidationResult result) {
        StringBuilder b = new StringBuilder();
        for (Finding f : result.findings()) {
            b.append(file)
                    .append(':')
                    .append(f.line())
                    .append(':')
                    .append(f.column())
                    .append(": ")
                    .append(f.severity().id())
                    .append(" [")
                    .append(f.rule())
                    .append("] ")
                    .append(f.message())
                    .append('\n');
        }
        long errors = result.errors().size();
        long warnings = result.findings().stream()
                .filter(f -> f.severity() == Severity.WARNING)
                .count();
        return b.append(file)
                .append(": ")
                .append(result.valid() ? "valid" : "not valid")
                .append(" (")
                .append(errors)
                .append(errors == 1 ? " error, " : " errors, ")
                .append(warnings)
                .append(warnings == 1 ? " warning" : " warnings")
                .append("; ")
                .append(result.language().id())
                .append(", ")
                .append(policy.trim().toLowerCase(Locale.ROOT))
                .append(" policy)")
                .toString();
    }

    private static String json(ValidationResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("valid", result.valid());
        root.put("language", result.language().id());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            findings.addObject()
                    .put("rule", f.rule().id())
                    .put("severity", f.severity().id())
                    .put("message", f.message())
                    .put("line", f.line())
                    .put("column", f.column());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write a tree of strings and numbers", e);
        }
    }
}
