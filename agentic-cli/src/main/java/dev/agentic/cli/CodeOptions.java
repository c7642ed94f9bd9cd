package dev.agentic.cli;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.validate.ValidationPolicy;
import picocli.CommandLine.Mixin;

/**
 * The options of every command that runs programs ({@code exec}, {@code run}, {@code repl}, {@code serve}), as
 * one picocli mixin: where programs run and what they may reach ({@link SandboxOptions}), their secrets
 * ({@link SecretOptions}) and the validation policy ({@link PolicyOptions}). {@code --env} ({@link EnvOptions}) is
 * not among them: {@code serve} has none. The help texts stay in each command's resource bundle. Not thread-safe
 * (filled by picocli, read by one command).
 */
final class CodeOptions {
    @Mixin
    SandboxOptions sandbox;

    @Mixin
    SecretOptions secrets;

    @Mixin
    PolicyOptions policy;

    /**
     * The chosen validation policy; when strict, the Python environment's packages are allowed too.
     *
     * @throws ConfigurationException for an unknown policy name
     */
    ValidationPolicy policy() {
        return policy.policy(sandbox.pythonEnv);
    }

    /**
     * {@code context} with the Python environment and the Node.js executable, when given.
     *
     * @throws ConfigurationException when {@code --node} names no executable file
     */
    ProviderContext context(ProviderContext context) {
        return sandbox.withLocalRuntimes(context);
    }
}
