package dev.agentic.examples.cli.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.fakes.ScriptedChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code scripted:FILE[,FILE…]}: an offline model answering call N with the text of file N. */
public final class ScriptedModelProvider implements ModelProvider {
    @Override
    public String scheme() {
        return "scripted";
    }

    @Override
    public String usage() {
        return "scripted:FILE[,FILE...]  offline model: call N is answered with the text of file N";
    }

    @Override
    public ChatModel create(String argument) {
        if (argument.isBlank()) {
            throw new ConfigurationException("--model scripted: needs at least one answer file, e.g. "
                    + "scripted:answer1.md,answer2.md");
        }
        ScriptedChatModel.Builder b = ScriptedChatModel.builder().id("scripted");
        for (String name : argument.split(",")) {
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
