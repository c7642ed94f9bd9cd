package dev.agentic.langchain4j.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.spi.ChatModelProvider;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;

/**
 * {@code anthropic:MODEL[,MODEL…]}: an Anthropic model through {@code langchain4j-anthropic}. Settings as
 * Anthropic's own SDKs read them: the key from {@code anthropic.apiKey} or {@code ANTHROPIC_API_KEY}
 * (required), the base URL from {@code anthropic.baseUrl} or {@code ANTHROPIC_BASE_URL} (default
 * {@code https://api.anthropic.com}; {@code /v1} is added as those SDKs do). A list is a fallback chain.
 * Stateless.
 */
public final class AnthropicModelProvider implements ChatModelProvider {
    static final String SCHEME = "anthropic";
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

    private final Settings settings;

    public AnthropicModelProvider() {
        this(Settings.system());
    }

    AnthropicModelProvider(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String usage() {
        return "anthropic:MODEL[,MODEL...]  Anthropic models; ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public ChatModel create(String spec, ProviderContext context) {
        var names = ModelSpecs.names(spec, SCHEME, "claude-3-7-sonnet-latest");
        ModelSpecs.requireClass(
                "dev.langchain4j.model.anthropic.AnthropicChatModel", spec, "dev.langchain4j:langchain4j-anthropic");
        String key = settings.get("anthropic.apiKey", "ANTHROPIC_API_KEY")
                .orElseThrow(() -> new ConfigurationException("--model " + spec + " needs an API key: set "
                        + "ANTHROPIC_API_KEY (or the system property anthropic.apiKey)"));
        String baseUrl =
                apiUrl(settings.get("anthropic.baseUrl", "ANTHROPIC_BASE_URL").orElse(DEFAULT_BASE_URL));
        return ModelSpecs.chain(names, name -> AnthropicModels.create(name, baseUrl, key));
    }

    /** The versioned API root LangChain4j expects: the base URL with {@code /v1/} added. */
    static String apiUrl(String baseUrl) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return url.endsWith("/v1") ? url + "/" : url + "/v1/";
    }
}
