package dev.agentic.langchain4j.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.spi.ChatModelProvider;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import java.util.Optional;

/**
 * {@code openai:MODEL[,MODEL…]}: an OpenAI model, or a model of any OpenAI-compatible server (Ollama, vLLM,
 * LM Studio, llama.cpp), through {@code langchain4j-open-ai}. Settings as OpenAI's own SDKs read them: the
 * key from {@code openai.apiKey} or {@code OPENAI_API_KEY}, the base URL from {@code openai.baseUrl} or
 * {@code OPENAI_BASE_URL} (default {@code https://api.openai.com/v1}), the organization from
 * {@code openai.orgId} or {@code OPENAI_ORG_ID}. A key is required for the default base URL only: local servers
 * usually need none. A list is a fallback chain. Stateless.
 */
public final class OpenAiModelProvider implements ChatModelProvider {
    static final String SCHEME = "openai";
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final Settings settings;

    public OpenAiModelProvider() {
        this(Settings.system());
    }

    OpenAiModelProvider(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String usage() {
        return "openai:MODEL[,MODEL...]  OpenAI or any OpenAI-compatible server (Ollama, vLLM, LM Studio); "
                + "OPENAI_API_KEY, OPENAI_BASE_URL";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public ChatModel create(String spec, ProviderContext context) {
        var names = ModelSpecs.names(spec, SCHEME, "gpt-4o-mini");
        ModelSpecs.requireClass(
                "dev.langchain4j.model.openai.OpenAiChatModel", spec, "dev.langchain4j:langchain4j-open-ai");
        String baseUrl = settings.get("openai.baseUrl", "OPENAI_BASE_URL").orElse(DEFAULT_BASE_URL);
        Optional<String> key = settings.get("openai.apiKey", "OPENAI_API_KEY");
        if (key.isEmpty() && baseUrl.equals(DEFAULT_BASE_URL)) {
            throw new ConfigurationException("--model " + spec + " needs an API key: set OPENAI_API_KEY (or the "
                    + "system property openai.apiKey); for an OpenAI-compatible server set OPENAI_BASE_URL");
        }
        Optional<String> organization = settings.get("openai.orgId", "OPENAI_ORG_ID");
        return ModelSpecs.chain(names, name -> OpenAiModels.create(name, baseUrl, key, organization));
    }
}
