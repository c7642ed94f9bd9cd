package dev.agentic.examples.aws;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.bedrock.BedrockModels;
import dev.agentic.core.Conversation;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The code-interpreter reference system's back end: a {@link Conversation} of follow-up tasks over <b>one
 * stateful session</b>, so what a program leaves in the interpreter (variables, imports, files) is there for the
 * next. "Load the CSV" → "now plot the monthly totals" → "save the plot as monthly.png", with the code streamed
 * to the terminal as the model writes it, each result shown, and the PNG collected from the session into
 * {@code --output-dir}. Bedrock's default fallback chain writes the code; the session is the local sandbox's or,
 * with {@code --sandbox agentcore}, an AgentCore Code Interpreter session.
 *
 * <p>Configuration comes only from the standard AWS settings and the flags below.
 */
@Command(
        name = "code-interpreter-chat",
        mixinStandardHelpOptions = true,
        description = "Follow-up data tasks in one stateful interpreter session, code written by Bedrock.")
public final class CodeInterpreterChat implements Runnable {
    /** The sample data used when no {@code --csv} is given: one sale per line. */
    public static final String SAMPLE_CSV = "date,amount\n2026-01-05,120.50\n2026-01-19,80.00\n2026-02-02,310.25\n"
            + "2026-02-14,45.00\n2026-03-01,99.90\n2026-03-22,150.10\n2026-03-30,20.00\n";

    @Option(names = "--csv", description = "A CSV with date (YYYY-MM-DD) and amount columns (default: a sample).")
    Path csv;

    @Option(names = "--sandbox", defaultValue = "local", description = "local or agentcore.")
    String sandboxKind;

    @Option(names = "--output-dir", defaultValue = ".", description = "Where monthly.png is written.")
    Path outputDir;

    /** The three results, in order, and the PNG collected from the session. */
    public record Outcome(List<WorkflowResult> results, Optional<OutputFile> png) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new CodeInterpreterChat()).execute(args));
    }

    @Override
    public void run() {
        run(new PrintWriter(System.out, true));
    }

    /** Runs the three tasks in one session, printing code as it streams and each result to {@code out}. */
    public Outcome run(PrintWriter out) {
        byte[] data = readCsv();
        try (BedrockChatModel bedrock = BedrockChatModel.builder()
                        .modelId(BedrockModels.CLAUDE_3_7_SONNET)
                        .build();
                Sandbox sandbox = switch (sandboxKind) {
                    case "local" -> LocalSandbox.builder().build();
                    case "agentcore" -> AgentCoreSandbox.builder().build();
                    default ->
                        throw new CommandLine.ParameterException(
                                new CommandLine(this), "--sandbox must be local or agentcore, was " + sandboxKind);
                };
                // 1. One interpreter for the whole conversation.
                SandboxSession session = sandbox.openSession(SessionOptions.of(Language.PYTHON))) {

            // 2. The pipeline, with every run going to that session.
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder()
                            .model(BedrockModels.defaultFallback(bedrock))
                            .environment(sandbox.environment())
                            .build())
                    .executor(Executor.builder()
                            .sandbox(new InSession(sandbox, session))
                            .build())
                    .store(ArtifactStore.inMemory())
                    .listener(terminal(out))
                    .build();

            // 3. The conversation: each task sees the earlier ones' code; the session keeps their state.
            Conversation chat = orchestrator.conversation();
            List<WorkflowResult> results = new ArrayList<>();
            results.add(chat.run(Task.builder()
                    .description("Load sales.csv (columns date and amount) into a list of rows called rows and "
                            + "print how many rows and months it has")
                    .integration("analysis")
                    .inputFile(new InputFile("sales.csv", data))
                    .build()));
            results.add(chat.followUp("Now plot the monthly totals as a bar chart"));
            results.add(chat.run(Task.builder()
                    .description("Save the plot as monthly.png")
                    .integration("analysis")
                    .outputGlob("monthly.png")
                    .build()));

            // 4. The file the last program wrote, collected from the session.
            Optional<OutputFile> png = results.get(2).finalResult().stream()
                    .flatMap(r -> r.output().files().stream())
                    .filter(f -> f.path().equals("monthly.png"))
                    .findFirst();
            png.ifPresent(f -> write(f, out));
            return new Outcome(results, png);
        }
    }

    /** Code as the model writes it, then each run's result. */
    private static WorkflowListener terminal(PrintWriter out) {
        return event -> {
            if (event instanceof WorkflowEvent.Started s) {
                out.println("\n>>> " + s.task().description());
            } else if (event instanceof WorkflowEvent.CodeDelta d) {
                out.print(d.text());
            } else if (event instanceof WorkflowEvent.Executed e) {
                out.println("\n--- " + e.result().describe());
                out.print(e.result().stdout());
            }
            out.flush();
        };
    }

    private byte[] readCsv() {
        try {
            return csv == null ? SAMPLE_CSV.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --csv " + csv, e);
        }
    }

    private void write(OutputFile file, PrintWriter out) {
        try {
            Path target = Files.createDirectories(outputDir).resolve(file.path());
            Files.write(target, file.content());
            out.println("\nwrote " + target + " (" + file.content().length + " bytes)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.path() + " to " + outputDir, e);
        }
    }

    /**
     * A {@link Sandbox} whose every run goes to one session: the request's input files are written into it, its
     * code runs with the state earlier runs left, and its output globs are collected afterwards. The session
     * was opened without network, environment or secrets; a run that asks for any is refused, since a session
     * fixes them when it opens. Does not own the session.
     */
    static final class InSession implements Sandbox {
        private final Sandbox sandbox;
        private final SandboxSession session;

        InSession(Sandbox sandbox, SandboxSession session) {
            this.sandbox = sandbox;
            this.session = session;
        }

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            if (!request.network().isNone()
                    || !request.environment().isEmpty()
                    || !request.secrets().isEmpty()) {
                throw new SandboxException("session " + session.id() + " was opened without network, environment "
                        + "and secrets, and cannot take them per run; open the session with them instead");
            }
            request.inputFiles().forEach(session::writeFile);
            ExecutionResult result = session.execute(SessionRequest.builder()
                    .code(request.code())
                    .timeout(request.limits().wallTime())
                    .build());
            List<OutputFile> files = new ArrayList<>(result.output().files());
            for (String glob : request.outputGlobs()) {
                files.addAll(session.collectFiles(glob));
            }
            return result.withOutput(result.output().toBuilder().files(files).build());
        }

        @Override
        public SandboxCapabilities capabilities() {
            return sandbox.capabilities();
        }

        @Override
        public Optional<SandboxEnvironment> environment() {
            return sandbox.environment();
        }

        @Override
        public void close() {}
    }
}
