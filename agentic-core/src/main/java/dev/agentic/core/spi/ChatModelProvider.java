package dev.agentic.core.spi;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.ChatModel;

/**
 * Creates a {@link ChatModel} from a spec: {@code scripted:FILE[,FILE…]} (in {@code agentic-fakes}), later
 * {@code bedrock:MODEL_ID[,MODEL_ID…]}. Register implementations in
 * {@code META-INF/services/dev.agentic.core.spi.ChatModelProvider}; find them with
 * {@link ProviderLookup#chatModels()}. Stateless and thread-safe; the caller closes the model when it is
 * closeable.
 */
@Experimental
public interface ChatModelProvider extends SpecProvider<ChatModel> {}
