package dev.agentic.examples.scenarios;

import dev.agentic.core.Conversation;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@link Conversation}: a follow-up task refines the program of the task before it. The model sees the
 * earlier task, its code and its output, so "also print the largest invoice" builds on the first program.
 * The model here is scripted and offline; any {@code ChatModel} works the same way.
 */
public final class FollowUpTasks {
    private FollowUpTasks() {}

    static final String INVOICES = "id,customer,amount\ninv_1,Alice,120.50\ninv_2,Bob,80.00\ninv_3,Carol,310.25\n";

    private static final String TOTAL = String.join(
            "\n",
            "import csv",
            "with open('invoices.csv', newline='') as f:",
            "    rows = list(csv.DictReader(f))",
            "print(f\"total: {sum(float(r['amount']) for r in rows):.2f}\")",
            "");

    private static final String TOTAL_AND_LARGEST = String.join(
            "\n",
            "import csv",
            "with open('invoices.csv', newline='') as f:",
            "    rows = list(csv.DictReader(f))",
            "print(f\"total: {sum(float(r['amount']) for r in rows):.2f}\")",
            "largest = max(rows, key=lambda r: float(r['amount']))",
            "print(f\"largest: {largest['id']} ({largest['customer']}) {float(largest['amount']):.2f}\")",
            "");

    public static void main(String[] args) {
        run(new PrintWriter(System.out, true));
    }

    /** Runs a task and its follow-up; returns both results, in order. */
    public static List<WorkflowResult> run(PrintWriter out) {
        ScriptedChatModel model = ScriptedChatModel.of(
                "```python\n" + TOTAL + "```",
                "Extending the previous program:\n```python\n" + TOTAL_AND_LARGEST + "```");
        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder().model(model).build())
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(ArtifactStore.inMemory())
                    .build();

            Conversation conversation = orchestrator.conversation();
            WorkflowResult first = conversation.run(Task.builder()
                    .description("Print the total amount of the invoices in invoices.csv")
                    .integration("billing")
                    .inputFile(new InputFile("invoices.csv", INVOICES.getBytes(StandardCharsets.UTF_8)))
                    .build());
            out.println("1. "
                    + first.finalResult()
                            .map(r -> r.stdout().strip())
                            .orElse(first.status().name()));

            // Same integration, files, secrets and limits; the model also sees turn 1's code and output.
            WorkflowResult second = conversation.followUp("Also print the largest invoice with its customer");
            out.println("2. "
                    + second.finalResult()
                            .map(r -> r.stdout().strip())
                            .orElse(second.status().name()));
            out.println("The follow-up prompt carried the first program: "
                    + model.lastRequest().messages().get(0).text().contains("sum(float(r['amount'])"));
            out.flush();
            return List.of(first, second);
        }
    }
}
