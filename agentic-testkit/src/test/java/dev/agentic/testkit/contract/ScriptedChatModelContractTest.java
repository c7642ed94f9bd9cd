package dev.agentic.testkit.contract;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.fakes.ScriptedChatModel;

class ScriptedChatModelContractTest extends ChatModelContract {

    @Override
    protected ChatModel modelAnswering(String text) {
        return ScriptedChatModel.builder().id("scripted-contract").chunkSize(3).respondWithText(r -> text).build();
    }

    @Override
    protected ChatModel modelFailingWith(ModelException.Kind kind) {
        ScriptedChatModel.Builder b = ScriptedChatModel.builder();
        for (int call = 1; call <= 10; call++) {
            b.failOnCall(call, kind);
        }
        return b.build();
    }
}
