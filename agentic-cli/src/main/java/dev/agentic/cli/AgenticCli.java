package dev.agentic.cli;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Internal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code agentic} command: run tasks, validate files and run code in the sandbox from a terminal.
 *
 * <p>Exit codes shared by every subcommand: 0 success, 1 the checked program or task did not succeed,
 * 2 usage, configuration or I/O errors.
 */
@Command(
        name = "agentic",
        mixinStandardHelpOptions = true,
        versionProvider = AgenticCli.Version.class,
        description = "Generate, validate and run code safely from natural-language tasks.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            RunCommand.class,
            ValidateCommand.class,
            ExecCommand.class,
            RecordsCommand.class,
            ReplCommand.class,
            EnvCommand.class,
            ServeCommand.class
        })
@Internal
public final class AgenticCli implements Runnable {
    /** Exit code: the program or task succeeded. */
    public static final int OK = 0;
    /** Exit code: the program failed, timed out, was killed or was rejected. */
    public static final int NOT_OK = 1;
    /** Exit code: usage, configuration or I/O error, or the sandbox is unavailable. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The configured picocli command line, with usage errors mapped to exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AgenticCli());
        cli.setExitCodeExceptionMapper(e -> USAGE);
        // Whatever escapes a command is reported in one line, never as a Java stack trace.
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + describe(ex));
            c.getErr().flush();
            return USAGE;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("agentic: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        return cli;
    }

    /** One line for an exception that escaped a command: its message, or its kind when it has none. */
    static String describe(Exception e) {
        if (e instanceof AgenticException) {
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (this is a bug in agentic; please report it with the command line that caused it)";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = AgenticCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "agentic " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
