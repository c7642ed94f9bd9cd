package dev.agentic.cli;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Internal;
import dev.agentic.sandbox.PythonEnvironments;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentic env}: Python environments for the local sandbox. {@code agentic env create DIR -r FILE} makes a
 * virtual environment and installs the requirements with pip <em>on the host</em> (outside the sandbox, with the
 * host's network and package index); pass it to {@code exec}, {@code run} or {@code repl} with
 * {@code --python-env DIR}, where it is mounted read-only. Exit 0 when created, 2 otherwise.
 */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = "Python environments for the local sandbox.",
        subcommands = {EnvCommand.Create.class})
@Internal
public final class EnvCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code agentic env create DIR -r requirements.txt}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a virtual environment in DIR and pip-install the requirements into it (on the "
                    + "host, with its package index; install only what you trust).")
    @Internal
    public static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "New directory for the environment.")
        Path directory;

        @Option(
                names = {"-r", "--requirements"},
                paramLabel = "FILE",
                required = true,
                description = "pip requirements file.")
        Path requirements;

        @Option(
                names = "--python",
                paramLabel = "PATH",
                defaultValue = "/usr/bin/python3",
                description = "Base interpreter (default ${DEFAULT-VALUE}; it must be usable in the sandbox).")
        Path python;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path env = PythonEnvironments.create(directory, requirements, python);
                out.println(env);
                out.flush();
                err.println("agentic env: created " + env + "; use it with --python-env " + env);
                err.flush();
                return AgenticCli.OK;
            } catch (AgenticException e) {
                err.println("agentic env create: " + e.getMessage());
                err.flush();
                return AgenticCli.USAGE;
            }
        }
    }
}
