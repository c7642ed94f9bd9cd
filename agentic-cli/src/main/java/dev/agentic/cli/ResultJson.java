package dev.agentic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.record.RunResultJson;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.Finding;
import java.util.List;

/**
 * The JSON the CLI prints for one run ({@code agentic exec --json}, and {@code result} of
 * {@code agentic run --json}): the same fields as the result in an execution record. Stateless.
 */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {}

    /** One run's result in the shape execution records keep it ({@link RunResultJson}). */
    static ObjectNode result(ExecutionResult r) {
        try {
            return (ObjectNode) JSON.readTree(RunResultJson.of(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the SDK wrote a run result that is not JSON", e);
        }
    }

    /**
     * What {@code agentic exec --json} prints: the result plus the validator's findings;
     * {@code result == null} means the validator rejected the program and it never ran.
     */
    static ObjectNode exec(ExecutionResult result, List<Finding> findings) {
        ObjectNode n;
        if (result == null) {
            n = JSON.createObjectNode();
            n.put("status", "REJECTED");
            n.putNull("exitCode");
            n.putNull("signal");
            n.putNull("limit");
            n.put("stdout", "");
            n.put("stderr", "");
            n.put("stdoutTruncated", false);
            n.put("stderrTruncated", false);
            n.put("durationMs", 0);
            n.putArray("files");
            n.putArray("network");
        } else {
            n = result(result);
        }
        ArrayNode found = n.putArray("findings");
        for (Finding f : findings) {
            found.addObject()
                    .put("rule", f.rule().id())
                    .put("severity", f.severity().id())
                    .put("message", f.message())
                    .put("line", f.line())
                    .put("column", f.column());
        }
        return n;
    }
}
