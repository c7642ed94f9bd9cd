package dev.agentic.fakes.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.spi.ChatModelProvider;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.fakes.ScriptedChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code scripted:FILE[,FILE…]}: an offline {@link ScriptedChatModel} answering call N with the text of
 * file N; relative paths are taken from the working directory. Registered in {@code META-INF/services}.
 * Stateless.
 */
public final class ScriptedChatModelProvider implements ChatModelProvider {
    private static final String SCHEME = "scripted";

    @Override
    public String usage() {
        return "scripted:FILE[,FILE...]  offline model: call N is answered with the text of file N";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public ChatModel create(String spec, ProviderContext context) {
        String argument = ProviderSpecs.argument(spec, SCHEME);
        if (argument.isBlank()) {
            throw new ConfigurationException(
                    "--model scripted: needs at least one answer file, e.g. " + "scripted:answer1.md,answer2.md");
        }
        String[] names = argument.split(",", -1);
        for (String name : names) {
            if (name.isBlank()) {
                throw new ConfigurationException("--model " + spec + " has an empty file name; write "
                        + "scripted:answer1.md,answer2.md without empty entries.");
            }
        }
        ScriptedChatModel.Builder b = ScriptedChatModel.builder().id("scripted");
        for (String name : names) {
            Path file = Path.of(name.trim());
            try {
                b.answer(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read scripted answer file " + file + ": " + e.getMessage());
            }
        }
        return b.build();
    }
}
