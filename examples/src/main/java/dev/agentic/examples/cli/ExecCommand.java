package dev.agentic.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.AgenticException;
import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentic exec FILE}: validates a program (unless {@code --no-validate}) and runs it in the local
 * sandbox. Exit 0 when the program succeeded; 1 when it failed, timed out, was killed or was rejected by
 * validation; 2 for usage or configuration errors and when the sandbox is unavailable.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a Python or Java file in the local sandbox (validated first unless --no-validate).")
public final class ExecCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]i?b?|b)?");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The program to run.")
    Path file;

    @Option(names = "--language", paramLabel = "python|java", description = "Language (default: from the file extension).")
    String language;

    @Option(names = "--timeout", defaultValue = "10s", description = "Wall-clock limit, e.g. 10s, 500ms, 2m (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--memory", defaultValue = "512m", description = "Address-space limit, e.g. 512m, 1g (default ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--cpu", defaultValue = "10s", description = "CPU-time limit (default ${DEFAULT-VALUE}).")
    String cpu;

    @Option(names = "--max-output", defaultValue = "1m", description = "Cap on stdout and on stderr (default ${DEFAULT-VALUE}).")
    String maxOutput;

    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]", description = "Allow network access to this host (repeatable).")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Environment variable for the program (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "NAME=REF", description = "Secret as environment variable NAME; REF is env:VAR (repeatable). Redacted from the output.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--input", paramLabel = "PATH", description = "File copied read-only into the working directory (repeatable).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "GLOB", description = "Collect files matching GLOB from the working directory (repeatable).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--no-validate", description = "Skip static validation (the sandbox still isolates).")
    boolean noValidate;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExecutionRequest request;
        try {
            request = request();
        } catch (AgenticException e) {
            err.println("agentic exec: " + e.getMessage());
            return AgenticCli.USAGE;
        } catch (IOException e) {
            err.println("agentic exec: cannot read " + e.getMessage());
            return AgenticCli.USAGE;
        }
        if (!noValidate) {
            ValidationResult validation;
            try {
                validation = CodeValidator.forLanguage(request.code().language(), ValidationPolicy.standard())
                        .validate(request.code(), request.network());
            } catch (ConfigurationException e) {
                err.println("agentic exec: " + e.getMessage() + " (use --no-validate to run without validation)");
                return AgenticCli.USAGE;
            }
            if (!validation.valid()) {
                report(out, err, null, validation.findings());
                return AgenticCli.NOT_OK;
            }
        }
        ExecutionResult result;
        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            result = sandbox.execute(request);
        } catch (SandboxException e) {
            err.println("agentic exec: the sandbox is unavailable: " + e.getMessage());
            return AgenticCli.USAGE;
        }
        report(out, err, result, List.of());
        return result.succeeded() ? AgenticCli.OK : AgenticCli.NOT_OK;
    }

    private ExecutionRequest request() throws IOException {
        Language lang = language != null ? Language.parse(language) : Language.fromFileName(file.toString())
                .orElseThrow(() -> new ConfigurationException("Cannot tell the language of " + file
                        + " from its extension; pass --language python or --language java."));
        String source = Files.readString(file, StandardCharsets.UTF_8);
        ExecutionLimits limits = ExecutionLimits.builder().wallTime(duration("--timeout", timeout))
                .cpuTime(duration("--cpu", cpu)).memoryBytes(size("--memory", memory))
                .maxOutputBytes(size("--max-output", maxOutput)).build();
        NetworkPolicy.Builder network = NetworkPolicy.builder();
        allowHosts.forEach(h -> network.allowHost(HostPort.parse(h)));
        ExecutionRequest.Builder b = ExecutionRequest.builder().code(new Code(lang, source)).limits(limits)
                .network(network.build());
        for (String e : env) {
            String[] kv = pair("--env", e);
            b.environment(kv[0], kv[1]);
        }
        SecretProvider provider = SecretProvider.environment();
        for (String s : secrets) {
            String[] kv = pair("--secret", s);
            if (!kv[1].startsWith("env:") || kv[1].length() == 4) {
                throw new ConfigurationException("--secret " + kv[0] + "=" + kv[1] + ": REF must be env:VARIABLE "
                        + "(the only kind supported here), e.g. --secret API_KEY=env:STRIPE_KEY");
            }
            b.secret(kv[0], provider.resolve(SecretRef.of(kv[1].substring(4))));
        }
        for (Path in : inputs) {
            b.inputFile(in.getFileName().toString(), Files.readAllBytes(in));
        }
        outputs.forEach(b::outputGlob);
        return b.build();
    }

    private void report(PrintWriter out, PrintWriter err, ExecutionResult r, List<Finding> findings) {
        if (json) {
            out.println(toJson(r, findings));
            return;
        }
        if (r == null) {
            err.println("agentic exec: REJECTED by validation:");
            findings.forEach(f -> err.println("  " + displayable(f.toString())));
            return;
        }
        out.print(displayable(r.stdout()));
        out.flush();
        err.print(displayable(r.stderr()));
        if (r.output().stdoutTruncated() || r.output().stderrTruncated()) {
            err.println("\nagentic exec: output was truncated at the --max-output cap");
        }
        for (OutputFile f : r.output().files()) {
            err.println("agentic exec: collected " + displayable(f.path()) + " (" + f.size() + " bytes)");
        }
        for (NetworkDecision d : r.output().network()) {
            err.println("agentic exec: network " + (d.allowed() ? "allowed " : "denied ") + d.host() + ":" + d.port()
                    + " (" + d.reason() + ")");
        }
        err.println("agentic exec: " + describe(r) + " in " + r.duration().toMillis() + " ms");
        err.flush();
    }

    static String describe(ExecutionResult r) {
        if (r instanceof ExecutionResult.Failed f) {
            return "FAILED (exit code " + f.exitCode() + ")";
        }
        if (r instanceof ExecutionResult.TimedOut t) {
            return "TIMED_OUT after " + t.limit().toMillis() + " ms";
        }
        if (r instanceof ExecutionResult.Killed k) {
            return "KILLED (signal " + k.signal() + ", limit " + k.limit().id() + ")";
        }
        return r.status();
    }

    static String toJson(ExecutionResult r, List<Finding> findings) {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = mapper.createObjectNode();
        n.put("status", r == null ? "REJECTED" : r.status());
        Integer exit = null;
        Integer signal = null;
        String limit = null;
        if (r instanceof ExecutionResult.Succeeded) {
            exit = 0;
        } else if (r instanceof ExecutionResult.Failed f) {
            exit = f.exitCode();
        } else if (r instanceof ExecutionResult.TimedOut) {
            limit = "wall";
        } else if (r instanceof ExecutionResult.Killed k) {
            signal = k.signal() == 0 ? null : k.signal();
            limit = k.limit().id();
        }
        putNullable(n, "exitCode", exit);
        putNullable(n, "signal", signal);
        if (limit == null) {
            n.putNull("limit");
        } else {
            n.put("limit", limit);
        }
        n.put("stdout", r == null ? "" : r.stdout());
        n.put("stderr", r == null ? "" : r.stderr());
        n.put("stdoutTruncated", r != null && r.output().stdoutTruncated());
        n.put("stderrTruncated", r != null && r.output().stderrTruncated());
        n.put("durationMs", r == null ? 0 : r.duration().toMillis());
        ArrayNode files = n.putArray("files");
        ArrayNode found = n.putArray("findings");
        ArrayNode network = n.putArray("network");
        if (r != null) {
            for (OutputFile f : r.output().files()) {
                files.addObject().put("path", f.path()).put("size", f.size());
            }
            for (NetworkDecision d : r.output().network()) {
                network.addObject().put("host", d.host()).put("port", d.port()).put("allowed", d.allowed())
                        .put("reason", d.reason());
            }
        }
        for (Finding f : findings) {
            found.addObject().put("rule", f.rule()).put("severity", f.severity().id()).put("message", f.message())
                    .put("line", f.line()).put("column", f.column());
        }
        try {
            return mapper.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException("JSON of a tree cannot fail", e);
        }
    }

    private static void putNullable(ObjectNode n, String field, Integer value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    /** Text safe for a terminal: control characters other than newline and tab become '?'. */
    static String displayable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(
                cp == '\n' || cp == '\t' || !Character.isISOControl(cp) ? cp : '?'));
        return sb.toString();
    }

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

    private static String[] pair(String option, String text) {
        int eq = text.indexOf('=');
        if (eq < 1) {
            throw new ConfigurationException(option + " '" + text + "' must be NAME=VALUE.");
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }
}
