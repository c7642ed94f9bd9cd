package dev.agentic.bedrock.internal.agentcore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.OutputGlob;
import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockagentcore.model.ContentBlock;
import software.amazon.awssdk.services.bedrockagentcore.model.InputContentBlock;
import software.amazon.awssdk.services.bedrockagentcore.model.ProgrammingLanguage;
import software.amazon.awssdk.services.bedrockagentcore.model.ResourceContent;
import software.amazon.awssdk.services.bedrockagentcore.model.ToolArguments;
import software.amazon.awssdk.services.bedrockagentcore.model.ToolName;

/**
 * One session of the service: the tools called in it. Not thread-safe; its owner runs one call at a time.
 * {@link #stop()} is idempotent.
 */
public final class RemoteSession {
    /** How long a file transfer, listing or other housekeeping call may take. */
    static final Duration HOUSEKEEPING_TIMEOUT = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints {@code [[path, size], …]} of the regular files under the working directory (no links). */
    private static final String LIST_COMMAND = "python3 -c \"import os, json; print(json.dumps([[os.path.relpath("
            + "os.path.join(d, f), '.'), os.path.getsize(os.path.join(d, f))] for d, _, fs in os.walk('.') for f in fs "
            + "if os.path.isfile(os.path.join(d, f)) and not os.path.islink(os.path.join(d, f))]))\"";

    private final InterpreterCalls calls;
    private final String id;
    private boolean stopped;

    private RemoteSession(InterpreterCalls calls, String id) {
        this.calls = calls;
        this.id = id;
    }

    public static RemoteSession start(InterpreterCalls calls, Duration sessionTimeout) {
        return new RemoteSession(calls, calls.start(sessionTimeout));
    }

    public String id() {
        return id;
    }

    /** Whether the service still has this session (see {@link InterpreterCalls#isReady}). */
    public boolean isReady() {
        return calls.isReady(id);
    }

    public ToolOutcome executePython(String code, Duration timeout) {
        return calls.invoke(
                id,
                ToolName.EXECUTE_CODE,
                ToolArguments.builder()
                        .code(code)
                        .language(ProgrammingLanguage.PYTHON)
                        .build(),
                timeout);
    }

    public ToolOutcome executeCommand(String command, Duration timeout) {
        return calls.invoke(
                id,
                ToolName.EXECUTE_COMMAND,
                ToolArguments.builder().command(command).build(),
                timeout);
    }

    /** Writes {@code files} in one call (as bytes, so binary content arrives unchanged). */
    public void writeFiles(List<InputFile> files) {
        if (files.isEmpty()) {
            return;
        }
        List<InputContentBlock> blocks = new ArrayList<>();
        for (InputFile f : files) {
            blocks.add(InputContentBlock.builder()
                    .path(f.name())
                    .blob(SdkBytes.fromByteArrayUnsafe(f.content()))
                    .build());
        }
        ToolOutcome o = calls.invoke(
                id,
                ToolName.WRITE_FILES,
                ToolArguments.builder().content(blocks).build(),
                HOUSEKEEPING_TIMEOUT);
        if (o.timedOut() || o.isError()) {
            throw new SandboxException("writeFiles of " + files.size() + " file(s) failed in code interpreter session "
                    + id + (o.timedOut() ? ": no answer within " + HOUSEKEEPING_TIMEOUT.toSeconds() + " s" : ""));
        }
    }

    /** The content of each of {@code paths} the service returned; missing files are absent. */
    public Map<String, byte[]> readFiles(List<String> paths) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (paths.isEmpty()) {
            return out;
        }
        ToolOutcome o = calls.invoke(
                id, ToolName.READ_FILES, ToolArguments.builder().paths(paths).build(), HOUSEKEEPING_TIMEOUT);
        for (ContentBlock b : o.content()) {
            ResourceContent r = b.resource();
            if (r == null || r.uri() == null) {
                continue;
            }
            String path = matching(r.uri(), paths);
            if (path == null) {
                continue;
            }
            byte[] bytes = r.blob() != null
                    ? r.blob().asByteArray()
                    : r.text() == null ? new byte[0] : r.text().getBytes(StandardCharsets.UTF_8);
            out.put(path, bytes);
        }
        return out;
    }

    /** The requested path a resource URI ({@code file://out.txt}, {@code file:///work/out.txt}) stands for. */
    private static String matching(String uri, List<String> requested) {
        String p = uri.startsWith("file://") ? uri.substring("file://".length()) : uri;
        for (String r : requested) {
            if (p.equals(r) || p.endsWith("/" + r)) {
                return r;
            }
        }
        return null;
    }

    public void removeFiles(List<String> paths) {
        if (!paths.isEmpty()) {
            calls.invoke(
                    id,
                    ToolName.REMOVE_FILES,
                    ToolArguments.builder().paths(paths).build(),
                    HOUSEKEEPING_TIMEOUT);
        }
    }

    /**
     * The regular files under the working directory that match {@code glob}, within the limits' file count,
     * per-file and total sizes. Listed with a short {@code python3} command (which does not touch the
     * interpreter's state), read with {@code readFiles}.
     */
    public List<OutputFile> collect(String glob, ExecutionLimits limits, List<String> notes) {
        return collect(List.of(glob), limits, notes);
    }

    public List<OutputFile> collect(List<String> globs, ExecutionLimits limits, List<String> notes) {
        ToolOutcome listing = executeCommand(LIST_COMMAND, HOUSEKEEPING_TIMEOUT);
        if (listing.timedOut() || listing.exitCode() != 0) {
            throw new SandboxException("Listing the files of code interpreter session " + id + " failed"
                    + (listing.timedOut() ? " (no answer)" : " with exit " + listing.exitCode()));
        }
        List<List<Object>> entries;
        try {
            entries = JSON.readValue(listing.stdout().strip(), new TypeReference<List<List<Object>>>() {});
        } catch (IOException e) {
            throw new SandboxException("The file listing of code interpreter session " + id + " was not JSON", e);
        }
        List<PathMatcher> matchers = globs.stream().map(OutputGlob::matcher).toList();
        List<String> chosen = new ArrayList<>();
        long total = 0;
        for (List<Object> e : entries) {
            String path = String.valueOf(e.get(0));
            long size = ((Number) e.get(1)).longValue();
            if (path.startsWith("./")) {
                path = path.substring(2);
            }
            String p = path;
            if (matchers.stream().noneMatch(m -> m.matches(Path.of(p)))) {
                continue;
            }
            if (chosen.size() >= limits.maxOutputFiles()) {
                notes.add("output " + path + " not collected: more than " + limits.maxOutputFiles() + " files match");
            } else if (size > limits.maxFileSizeBytes() || total + size > limits.maxFileSizeBytes()) {
                notes.add("output " + path + " not collected: " + size + " bytes is over the file-size cap");
            } else {
                chosen.add(path);
                total += size;
            }
        }
        Map<String, byte[]> read = readFiles(chosen);
        List<OutputFile> files = new ArrayList<>();
        read.forEach((p, c) -> files.add(new OutputFile(p, c)));
        return files;
    }

    /** Reads one file; empty when it does not exist. */
    public Optional<byte[]> readFile(String path) {
        return Optional.ofNullable(readFiles(List.of(path)).get(path));
    }

    /** Stops the session in the service (best-effort); later calls fail. Idempotent. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            calls.stop(id);
        }
    }

    public boolean stopped() {
        return stopped;
    }
}
