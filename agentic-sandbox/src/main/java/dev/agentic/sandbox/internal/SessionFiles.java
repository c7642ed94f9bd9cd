package dev.agentic.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.OutputGlob;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.Redactor;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Files in and out of a session's working directory. The driver does the file work inside the sandbox (so a
 * link planted by the program can only lead to what the program could read or write itself: nothing of the
 * host); this side treats what it sends as untrusted: names must be plain relative paths that survive
 * {@link OutputCollector#sanitise}, only regular files with one link are taken, and count, per-file and total
 * sizes are capped by the session's limits. Text contents are redacted like a run's output files. Used once,
 * by the thread holding the session's lock.
 */
final class SessionFiles {
    private final SessionProcess process;
    private final ExecutionLimits limits;
    private final Redactor redactor;

    SessionFiles(SessionProcess process, ExecutionLimits limits, Redactor redactor) {
        this.process = process;
        this.limits = limits;
        this.redactor = redactor;
    }

    void write(InputFile file) {
        if (file.content().length > limits.maxDiskBytes()) {
            throw new SandboxException("File " + file.name() + " has " + file.content().length + " bytes, more "
                    + "than the session's disk limit of " + limits.maxDiskBytes() + " bytes.");
        }
        DriverChannel.Frame f = call(
                'W', Map.of("path", file.name(), "data", Base64.getEncoder().encodeToString(file.content())), 'A');
        JsonNode a = f.json();
        if (!a.path("ok").asBoolean()) {
            throw new SandboxException("Cannot write " + file.name() + " into the session's working directory: "
                    + a.path("error").asText("unknown error") + ".");
        }
    }

    List<OutputFile> collect(String glob) {
        PathMatcher matcher = OutputGlob.matcher(glob);
        List<String> wanted = new ArrayList<>();
        long total = 0;
        for (JsonNode entry : call('L', Map.of(), 'F').json()) {
            String path = entry.path(0).asText();
            long size = entry.path(1).asLong();
            if (!plain(path) || entry.path(2).asLong() != 1 || !matcher.matches(Path.of(path))) {
                continue;
            }
            if (size > limits.maxFileSizeBytes()
                    || total + size > limits.maxFileSizeBytes()
                    || wanted.size() >= limits.maxOutputFiles()) {
                continue;
            }
            total += size;
            wanted.add(path);
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<OutputFile> files = new ArrayList<>();
        long read = 0;
        for (JsonNode entry : call('G', Map.of("paths", wanted, "max", limits.maxFileSizeBytes()), 'C')
                .json()) {
            String path = entry.path(0).asText();
            byte[] content = Base64.getDecoder().decode(entry.path(1).asText());
            if (!wanted.contains(path) || content.length > limits.maxFileSizeBytes()) {
                continue;
            }
            read += content.length;
            if (read > limits.maxFileSizeBytes() || files.size() >= limits.maxOutputFiles()) {
                break;
            }
            files.add(new OutputFile(path, content));
        }
        return ExecutionOutput.builder().files(files).build().redact(redactor).files();
    }

    /** A relative path of plain segments, the same after sanitising. */
    private static boolean plain(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.length() > 4096) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!OutputCollector.sanitise(segment).equals(segment)) {
                return false;
            }
        }
        return true;
    }

    private DriverChannel.Frame call(char type, Object request, char reply) {
        DriverChannel ch = process.channel();
        if (!ch.sendJson(type, request)) {
            throw new SandboxException("The session's interpreter is gone; run code to start a fresh one.");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LocalSession.FILE_OP_MILLIS);
        try {
            while (true) {
                DriverChannel.Frame f = ch.next(deadline);
                if (f == null || f.end()) {
                    throw new SandboxException("The session's interpreter did not answer a file request"
                            + (f == null ? " within " + LocalSession.FILE_OP_MILLIS + " ms" : " (it ended)")
                            + "; run code to find out its state, or reset() the session.");
                }
                if (f.type() == reply) {
                    return f;
                }
                // output written between runs is counted and dropped by the driver, never framed; skip the rest
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted during a file request to the session", e);
        }
    }
}
