package dev.agentic.langchain4j.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.spi.ProviderSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The model names of a {@code SCHEME:MODEL[,MODEL…]} spec, and a list of them as a fallback chain. */
final class ModelSpecs {
    private ModelSpecs() {}

    static List<String> names(String spec, String scheme, String example) {
        String argument = ProviderSpecs.argument(spec, scheme).trim();
        if (argument.isEmpty()) {
            throw new ConfigurationException("--model " + scheme + ": needs a model name, e.g. " + scheme + ":"
                    + example + ", or a comma-separated list for a fallback chain");
        }
        List<String> names = new ArrayList<>();
        for (String name : argument.split(",", -1)) {
            if (name.isBlank()) {
                throw new ConfigurationException("--model " + spec + " has an empty model name; write " + scheme
                        + ":NAME1,NAME2 without empty entries");
            }
            names.add(name.trim());
        }
        return names;
    }

    static ChatModel chain(List<String> names, Function<String, ChatModel> build) {
        List<ChatModel> models = new ArrayList<>();
        names.forEach(name -> models.add(build.apply(name)));
        return models.size() == 1 ? models.get(0) : FallbackChatModel.of(models.toArray(ChatModel[]::new));
    }

    static void requireClass(String className, String spec, String artifact) {
        try {
            Class.forName(className, false, ModelSpecs.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException("--model " + spec + " needs " + artifact + " (1.19.0) on the classpath "
                    + "beside agentic-langchain4j; add that dependency");
        }
    }
}
