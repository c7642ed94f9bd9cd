package dev.agentic.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.AgenticException;
import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.WorkflowError;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.Severity;
import dev.agentic.core.validate.ValidationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    PolicyOptions policyOptions;

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
            CliValues.requireValidator(
                    lang,
                    "agentic exec " + CliValues.displayable(file.toString())
                            + " --no-validate runs it unvalidated, inside the sandbox.");
            CodeValidator validator = CodeValidator.forLanguage(lang, policyOptions.policy());
            NetworkPolicy.Builder hosts = NetworkPolicy.builder();
            allowedHosts.forEach(h -> hosts.allowHost(CliValues.host("--allow-host", h)));
            NetworkPolicy network = allowedHosts.isEmpty() ? NetworkPolicy.none() : hosts.build();
            ValidationResult result = validator.validate(new Code(lang, read()), network);
            out.println(json ? json(result) : human(result));
            out.flush();
            return result.valid() ? AgenticCli.OK : AgenticCli.NOT_OK;
        } catch (AgenticException e) {
            err.println("agentic validate: " + e.getMessage());
            err.flush();
            if (json) {
                out.println(ResultJson.write(
                        ResultJson.error(WorkflowError.of(e, e.getMessage()).kind(), e.getMessage())));
                out.flush();
            }
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

    private String read() {
        return CliFiles.readText("File", file);
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
                .append(policyOptions.name())
                .append(" policy)")
                .toString();
    }

    private static String json(ValidationResult result) {
        ObjectNode root = ResultJson.object();
        root.put("valid", result.valid());
        root.put("language", result.language().id());
        root.set("findings", ResultJson.findings(result.findings()));
        return ResultJson.write(root);
    }
}
