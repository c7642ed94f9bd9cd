package dev.agentic.cli;

import dev.agentic.core.AgenticException;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.record.ExecutionRecord;
import dev.agentic.core.record.RecordedAttempt;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ArtifactStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentic records}: the execution records a store keeps, newest last (time, status, task, attempts, cost,
 * key), and {@code agentic records show KEY} for one of them. Works on any store spec {@code --store} accepts.
 * Exit codes: 0, or 2 for usage, configuration and storage errors.
 */
@Command(
        name = "records",
        mixinStandardHelpOptions = true,
        description = "List the stored execution records, or show one.",
        subcommands = RecordsCommand.Show.class)
@Internal
public final class RecordsCommand implements Callable<Integer> {
    private static final Pattern STAMP = Pattern.compile("_(\\d{8}_\\d{6})(?:_(\\d+))?\\.json$");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--store",
            paramLabel = "DIR|SPEC",
            defaultValue = "agentic-runs",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Where the records are (default ${DEFAULT-VALUE}); file:DIR, s3://BUCKET/PREFIX and other "
                    + "store specs work too.")
    String store;

    @Option(names = "--integration", paramLabel = "NAME", description = "Only records of this integration.")
    String integration;

    @Option(
            names = "--last",
            paramLabel = "N",
            defaultValue = "20",
            description = "Show the newest N records (default ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (last < 1) {
            err.println("agentic records: --last must be at least 1, was " + last);
            return AgenticCli.USAGE;
        }
        ArtifactStore records = null;
        try {
            records = open(store);
            List<String> keys = new ArrayList<>(
                    records.list(integration == null ? "executions/" : "executions/" + integration + "/"));
            keys.removeIf(k -> !k.endsWith(".json"));
            keys.sort(Comparator.comparing(RecordsCommand::stamp).thenComparing(k -> k));
            List<String> newest = keys.subList(Math.max(0, keys.size() - last), keys.size());
            if (newest.isEmpty()) {
                err.println("No records in " + CliValues.location(records)
                        + (integration == null ? "" : " for integration " + integration) + ".");
                return AgenticCli.OK;
            }
            out.printf(
                    "%-19s  %-9s  %-8s  %-12s  %8s  %-40s  %s%n",
                    "time (UTC)", "status", "attempts", "integration", "cost", "task", "key");
            for (String key : newest) {
                Optional<byte[]> bytes = records.get(key);
                if (bytes.isEmpty()) {
                    continue;
                }
                try {
                    ExecutionRecord r = ExecutionRecord.read(bytes.get());
                    out.printf(
                            "%-19s  %-9s  %8d  %-12s  %8s  %-40s  %s%n",
                            TIME.format(r.createdAt()),
                            r.status(),
                            r.attempts().size(),
                            CliValues.displayable(r.integration()),
                            r.estimatedCostUsd()
                                    .map(c -> "$" + c.stripTrailingZeros().toPlainString())
                                    .orElse("-"),
                            CliValues.displayable(shorten(r.description(), 40)),
                            key);
                } catch (AgenticException unreadable) {
                    out.printf(
                            "%-19s  %-9s  %8s  %-12s  %8s  %-40s  %s%n",
                            "-", "UNREADABLE", "-", "-", "-", unreadable.getMessage(), key);
                }
            }
            out.flush();
            return AgenticCli.OK;
        } catch (AgenticException e) {
            err.println("agentic records: " + e.getMessage());
            return AgenticCli.USAGE;
        } finally {
            close(records);
        }
    }

    static ArtifactStore open(String spec) {
        return ProviderLookup.artifactStores().named("--store").create(spec, ProviderContext.defaults());
    }

    static void close(ArtifactStore store) {
        if (store instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new ConfigurationException("Cannot close " + store + ": " + e.getMessage(), e);
            }
        }
    }

    /** The key's {@code yyyyMMdd_HHmmss} and variant, so keys sort by time; keys of other layouts come first. */
    private static String stamp(String key) {
        Matcher m = STAMP.matcher(key);
        return m.find()
                ? m.group(1) + String.format("_%06d", m.group(2) == null ? 1 : Integer.parseInt(m.group(2)))
                : "";
    }

    private static String shorten(String s, int max) {
        String line = s.replace('\n', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** {@code agentic records show KEY}: one record in full. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one stored execution record.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        RecordsCommand parent;

        @Parameters(index = "0", paramLabel = "KEY", description = "The record's key, as `agentic records` lists it.")
        String key;

        @Option(names = "--raw", description = "Print the stored JSON as it is.")
        boolean raw;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ArtifactStore records = null;
            try {
                records = open(parent.store);
                Optional<Artifact> artifact = records.read(key);
                if (artifact.isEmpty()) {
                    err.println("agentic records show: no record '" + key + "' in " + CliValues.location(records)
                            + "; `agentic records` lists the keys.");
                    return AgenticCli.USAGE;
                }
                if (raw) {
                    out.println(new String(artifact.get().content(), StandardCharsets.UTF_8));
                } else {
                    print(ExecutionRecord.read(artifact.get().content()), out);
                }
                out.flush();
                return AgenticCli.OK;
            } catch (AgenticException e) {
                err.println("agentic records show: " + e.getMessage());
                return AgenticCli.USAGE;
            } finally {
                close(records);
            }
        }

        private void print(ExecutionRecord r, PrintWriter out) {
            out.println("key:          " + key);
            out.println("run:          " + r.runId().map(Object::toString).orElse("-"));
            out.println("time (UTC):   " + TIME.format(r.createdAt()));
            out.println("status:       " + r.status());
            out.println("task:         " + CliValues.displayable(r.description()));
            out.println("integration:  " + CliValues.displayable(r.integration()) + ", language " + r.language());
            out.println("duration:     " + r.duration().toMillis() + " ms, model calls " + r.modelCalls());
            out.println("tokens:       " + r.usage().inputTokens() + " in / "
                    + r.usage().outputTokens() + " out");
            out.println("cost:         "
                    + r.estimatedCostUsd()
                            .map(c -> "$" + c.stripTrailingZeros().toPlainString())
                            .orElse("unknown"));
            r.error()
                    .ifPresent(
                            e -> out.println("error:        " + e.kind() + ": " + CliValues.displayable(e.message())));
            r.codeKey().ifPresent(k -> out.println("code key:     " + k));
            for (RecordedAttempt a : r.attempts()) {
                out.println("attempt " + a.number() + ":    " + a.outcome() + " (model " + a.modelId() + ")");
                a.findings().forEach(f -> out.println("    " + CliValues.displayable(f)));
                a.run().ifPresent(run -> {
                    out.println("    run " + run.status()
                            + run.exitCode().stream()
                                    .mapToObj(c -> ", exit code " + c)
                                    .findFirst()
                                    .orElse(""));
                    if (!run.stdout().isEmpty()) {
                        out.println("    stdout: "
                                + CliValues.displayable(run.stdout().strip()));
                    }
                    if (!run.stderr().isEmpty()) {
                        out.println("    stderr: "
                                + CliValues.displayable(run.stderr().strip()));
                    }
                });
            }
            r.finalCode().ifPresent(c -> {
                out.println("final code:");
                out.println(CliValues.displayable(c));
            });
        }
    }
}
