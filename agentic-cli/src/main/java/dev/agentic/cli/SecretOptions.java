package dev.agentic.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --secret NAME=SPEC}, shared by {@code exec}, {@code run}, {@code repl} and {@code serve} through
 * {@link CodeOptions}; each command's help text is the {@code secret} key of its resource bundle. Not
 * thread-safe.
 */
final class SecretOptions {
    @Option(names = "--secret", paramLabel = "NAME=SPEC", descriptionKey = "secret")
    List<String> secrets = new ArrayList<>();

    /** The secrets, parsed (their values are not read here). */
    List<CliValues.Secret> parsed() {
        return CliValues.secrets(secrets);
    }
}
