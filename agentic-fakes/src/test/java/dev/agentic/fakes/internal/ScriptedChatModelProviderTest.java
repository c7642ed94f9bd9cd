package dev.agentic.fakes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedChatModelProviderTest {
    @TempDir
    Path dir;

    @Test
    void scriptedSpecFoundOnTheClasspathAnswersWithEachFileInOrder() throws IOException {
        Path a = Files.writeString(dir.resolve("a.md"), "first");
        Path b = Files.writeString(dir.resolve("b.md"), "second");

        ChatModel model = ProviderLookup.chatModels().create("scripted:" + a + ", " + b, ProviderContext.defaults());

        assertThat(model.chat(ChatRequest.builder().user("1").build()).text()).isEqualTo("first");
        assertThat(model.chat(ChatRequest.builder().user("2").build()).text()).isEqualTo("second");
        assertThat(model.id()).isEqualTo("scripted");
    }

    @Test
    void declinesOtherSchemes() {
        ScriptedChatModelProvider provider = new ScriptedChatModelProvider();

        assertThat(provider.accepts("scripted:a.md")).isTrue();
        assertThat(provider.accepts("scripted")).isTrue();
        assertThat(provider.accepts("bedrock:anthropic.claude")).isFalse();
        assertThat(provider.accepts("scriptedx:a.md")).isFalse();
    }

    @Test
    void missingOrEmptyFileNamesAreConfigurationErrors() {
        ScriptedChatModelProvider provider = new ScriptedChatModelProvider();

        assertThatThrownBy(() -> provider.create("scripted", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at least one answer file");
        assertThatThrownBy(() -> provider.create("scripted:a.md,,b.md", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("empty file name");
        assertThatThrownBy(() -> provider.create("scripted:" + dir.resolve("none.md"), ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("none.md");
    }

    @Test
    void unknownModelErrorListsTheScriptedUsage() {
        assertThatThrownBy(() -> ProviderLookup.chatModels().named("--model").find("acme:large"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown --model provider 'acme' in 'acme:large'; available:")
                .hasMessageContaining("scripted:FILE[,FILE...]");
    }
}
