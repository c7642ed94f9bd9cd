package dev.agentic.examples.scenarios;

import dev.agentic.langchain4j.SandboxCodeTool;
import dev.agentic.sandbox.LocalSandbox;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Our validator and sandbox as a LangChain4j tool: a LangChain4j {@code AiServices} assistant answers a question
 * about a CSV file by writing a Python program, which {@link SandboxCodeTool} checks and runs in
 * {@link LocalSandbox}; the assistant answers from the program's output.
 *
 * <p>Run (any OpenAI-compatible server): {@code OPENAI_API_KEY=… [OPENAI_BASE_URL=…] java -cp …
 * dev.agentic.examples.scenarios.LangChain4jDataAssistant}
 */
public final class LangChain4jDataAssistant {
    /** The data the question is about, given to every run as {@code sales.csv}. */
    public static final String SALES_CSV = String.join(
            "\n",
            "region,product,units,unit_price",
            "north,widget,120,2.50",
            "south,widget,80,2.50",
            "north,gadget,15,20.00",
            "east,gadget,40,20.00",
            "south,gizmo,200,1.25",
            "");

    /** What the assistant does; LangChain4j implements it. */
    public interface Analyst {
        @SystemMessage("You answer questions about the file sales.csv (columns region, product, units, unit_price). "
                + "Write a Python program that reads it and prints what is needed, run it with the execute_code "
                + "tool, and answer from its output. If the tool reports findings, fix the program and run it "
                + "again.")
        String answer(String question);
    }

    private LangChain4jDataAssistant() {}

    public static void main(String[] args) {
        ChatModel model = OpenAiChatModel.builder()
                .apiKey(Objects.requireNonNullElse(System.getenv("OPENAI_API_KEY"), "no-key"))
                .baseUrl(Objects.requireNonNullElse(System.getenv("OPENAI_BASE_URL"), "https://api.openai.com/v1"))
                .modelName("gpt-4o-mini")
                .build();
        System.out.println(answer(model, "Which region had the highest revenue, and how much?"));
    }

    /** Asks {@code model}, a LangChain4j chat model that can call tools, one question about the sales data. */
    public static String answer(ChatModel model, String question) {
        // spotless:off
        // tag::langchain4j-tool[]
        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            SandboxCodeTool tool = SandboxCodeTool.builder()
                    .sandbox(sandbox)                                          // validate, then run here
                    .inputFile("sales.csv", SALES_CSV.getBytes(StandardCharsets.UTF_8))
                    .build();
            Analyst analyst = AiServices.builder(Analyst.class)
                    .chatModel(model)                                          // any LangChain4j ChatModel
                    .tools(tool)                                               // the @Tool execute_code
                    .build();
            return analyst.answer(question);
        }
        // end::langchain4j-tool[]
        // spotless:on
    }
}
