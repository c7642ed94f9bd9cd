package dev.agentic.cli;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.sandbox.PythonEnvironments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --policy} and {@code --allow-module}, a picocli mixin of {@code validate} and, through
 * {@link CodeOptions}, of {@code exec}, {@code run}, {@code repl} and {@code serve}. With the strict policy and a Python environment, the
 * environment's packages ({@link PythonEnvironments#importNames}) are allowed too: the gate then lets programs
 * import what the sandbox offers them. Not thread-safe.
 */
final class PolicyOptions {
    @Option(
            names = "--policy",
            paramLabel = "POLICY",
            defaultValue = "standard",
            descriptionKey = "policy",
            description = "standard (a lint: deny list, the default) or strict (a gate: allow list of safe "
                    + "standard-library modules and members, constant hosts, files in the working directory).")
    String policy;

    @Option(
            names = "--allow-module",
            paramLabel = "MODULE",
            descriptionKey = "allow-module",
            description = "A module or package the program may import (repeatable), such as a package installed in "
                    + "its Python environment: requests, pandas. Needed with --policy strict for anything beyond "
                    + "the standard library.")
    List<String> allowedModules = new ArrayList<>();

    /** Whether the strict policy was chosen. */
    boolean strict() {
        return name().equals("strict");
    }

    /** The policy without a Python environment. */
    ValidationPolicy policy() {
        return policy(null);
    }

    /**
     * The chosen policy, with {@code --allow-module} and, when strict, the import names of {@code pythonEnv}
     * (null: none) allowed.
     *
     * @throws ConfigurationException for an unknown policy name
     */
    ValidationPolicy policy(Path pythonEnv) {
        ValidationPolicy base;
        switch (name()) {
            case "standard":
                base = ValidationPolicy.standard();
                break;
            case "strict":
                base = ValidationPolicy.strict();
                break;
            default:
                throw new ConfigurationException("Unknown policy '" + policy + "'; use standard or strict.");
        }
        List<String> allowed = new ArrayList<>(allowedModules);
        if (pythonEnv != null && strict()) {
            allowed.addAll(PythonEnvironments.importNames(pythonEnv));
        }
        return allowed.isEmpty() ? base : base.toBuilder().allowModules(allowed).build();
    }

    String name() {
        return policy.trim().toLowerCase(Locale.ROOT);
    }
}
