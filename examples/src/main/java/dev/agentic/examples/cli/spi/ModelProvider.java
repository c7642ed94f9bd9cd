package dev.agentic.examples.cli.spi;

import dev.agentic.core.model.ChatModel;

/**
 * Turns a {@code --model SCHEME:ARGUMENT} option into a {@link ChatModel}. Providers are found with
 * {@link java.util.ServiceLoader} (register in {@code META-INF/services/dev.agentic.examples.cli.spi.ModelProvider}),
 * so a module on the classpath adds {@code bedrock:MODEL_ID[,MODEL_ID…]} without any change to the CLI's flags.
 * Implementations are stateless and thread-safe.
 */
public interface ModelProvider {

    /** The scheme before the colon: {@code scripted}. */
    String scheme();

    /** One line for help and errors: {@code scripted:FILE[,FILE…] — one answer per file, in order}. */
    String usage();

    /**
     * Creates the model from the text after the colon.
     *
     * @throws dev.agentic.core.ConfigurationException when the argument is unusable, saying what is expected
     */
    ChatModel create(String argument);
}
