package dev.agentic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.validate.Finding;
import java.util.List;

/**
 * The JSON the CLI prints for one run ({@code agentic exec --json}, and {@code result} of
 * {@code agentic run --json}): the same fields as the result in an execution record. Stateless.
 */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {}

    /** One run's result: status, exit code, signal, limit, output, truncation, duration, files, network, notes. */
    static ObjectNode result(ExecutionResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", r.status());
        if (r instanceof ExecutionResult.Failed f) {
            n.put("exitCode", f.exitCode());
        } else if (r instanceof ExecutionResult.Succeeded) {
            n.put("exitCode", 0);
        } else {
            n.putNull("exitCode");
        }
        if (r instanceof ExecutionResult.Killed k) {
            if (k.signal() > 0) {
                n.put("signal", k.signal());
            } else {
                n.putNull("signal");
            }
            n.put("limit", k.limit() == Limit.UNKNOWN ? null : k.limit().id());
        } else if (r instanceof ExecutionResult.TimedOut) {
            n.putNull("signal");
            n.put("limit", "wall");
        } else {
            n.putNull("signal");
            n.putNull("limit");
        }
        ExecutionOutput o = r.output();
        n.put("stdout", o.stdout());
        n.put("stderr", o.stderr());
        n.put("stdoutTruncated", o.stdoutTruncated());
        n.put("stderrTruncated", o.stderrTruncated());
        n.put("durationMs", o.duration().toMillis());
        ArrayNode files = n.putArray("files");
        for (OutputFile f : o.files()) {
            files.addObject().put("path", f.path()).put("size", f.size());
        }
        ArrayNode net = n.putArray("network");
        for (NetworkDecision d : o.network()) {
            net.addObject()
                    .put("host", d.host())
                    .put("port", d.port())
                    .put("allowed", d.allowed())
                    .put("reason", d.reason());
        }
        ArrayNode notes = n.putArray("notes");
        o.notes().forEach(notes::add);
        return n;
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
