package dev.agentic.bedrock.internal.agentcore;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.OutputGlob;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
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

    /** Runs {@code code} in the session's interpreter of {@code language} (python, javascript or typescript). */
    public ToolOutcome execute(Language language, String code, Duration timeout) {
        return calls.invoke(
                id,
                ToolName.EXECUTE_CODE,
                ToolArguments.builder()
                        .code(code)
                        .language(programmingLanguage(language))
                        .build(),
                timeout);
    }

    static ProgrammingLanguage programmingLanguage(Language language) {
        return switch (language) {
            case PYTHON -> ProgrammingLanguage.PYTHON;
            case JAVASCRIPT -> ProgrammingLanguage.JAVASCRIPT;
            case TYPESCRIPT -> ProgrammingLanguage.TYPESCRIPT;
            default ->
                throw new UnsupportedCapabilityException(
                        "The code interpreter runs Python, JavaScript and TypeScript, not " + language + ".", language);
        };
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
     * per-file and total sizes. Listed with the {@code listFiles} tool ({@link FileListing}; it does not touch
     * the interpreter's state and needs no Python in the session), read with {@code readFiles}.
     */
    public List<OutputFile> collect(String glob, ExecutionLimits limits, List<String> notes) {
        return collect(List.of(glob), limits, notes);
    }

    public List<OutputFile> collect(List<String> globs, ExecutionLimits limits, List<String> notes) {
        Map<String, Long> entries = new FileListing(this::listFiles).list(notes);
        List<PathMatcher> matchers = globs.stream().map(OutputGlob::matcher).toList();
        List<String> chosen = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            String path = e.getKey();
            long size = e.getValue();
            if (matchers.stream().noneMatch(m -> m.matches(Path.of(path)))) {
                continue;
            }
            if (chosen.size() >= limits.maxOutputFiles()) {
                notes.add("output " + path + " not collected: more than " + limits.maxOutputFiles() + " files match");
            } else if (size > limits.maxFileSizeBytes() || total + size > limits.maxFileSizeBytes()) {
                notes.add("output " + path + " not collected: " + size + " bytes is over the file-size cap");
            } else {
                chosen.add(path);
                total += Math.max(size, 0);
            }
        }
        Map<String, byte[]> read = readFiles(chosen);
        List<OutputFile> files = new ArrayList<>();
        long actual = 0;
        for (Map.Entry<String, byte[]> e : read.entrySet()) {
            long size = e.getValue().length;
            // sizes the listing did not give (-1) are only known now: the same caps apply
            if (size > limits.maxFileSizeBytes() || actual + size > limits.maxFileSizeBytes()) {
                notes.add("output " + e.getKey() + " not collected: " + size + " bytes is over the file-size cap");
                continue;
            }
            actual += size;
            files.add(new OutputFile(e.getKey(), e.getValue()));
        }
        return files;
    }

    /** One {@code listFiles} call for {@code directory} ({@code "."} for the working directory). */
    private List<ContentBlock> listFiles(String directory) {
        ToolOutcome o = calls.invoke(
                id, ToolName.LIST_FILES, ToolArguments.builder().path(directory).build(), HOUSEKEEPING_TIMEOUT);
        if (o.timedOut() || o.isError()) {
            throw new SandboxException(
                    "Listing directory " + directory + " of code interpreter session " + id + " failed"
                            + (o.timedOut() ? " (no answer within " + HOUSEKEEPING_TIMEOUT.toSeconds() + " s)" : ""));
        }
        return o.content();
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
