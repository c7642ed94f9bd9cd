package dev.agentic.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What bubblewrap reported through {@code --json-status-fd}: one JSON object when the sandbox's init was
 * forked ({@code child-pid}, the namespaces) and one when the program's exit was propagated
 * ({@code exit-code}), which bwrap writes only after the sandbox was completely set up. The file lies in the
 * run's host directory, out of the sandbox's reach.
 *
 * @param initPid host pid of the sandbox's init (pid 1 inside), or -1 when not reported
 * @param pidNamespace inode of the sandbox's pid namespace, or -1 when not reported
 * @param exitReported whether bwrap propagated the program's exit (so its set-up succeeded)
 */
record BwrapStatus(long initPid, long pidNamespace, boolean exitReported) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final BwrapStatus NONE = new BwrapStatus(-1, -1, false);

    /** Reads {@code file}; a missing, empty or unreadable file gives {@link #NONE}. */
    static BwrapStatus read(Path file) {
        long init = -1;
        long pidNs = -1;
        boolean exit = false;
        try (MappingIterator<JsonNode> objects = JSON.readerFor(JsonNode.class).readValues(Files.readAllBytes(file))) {
            while (objects.hasNextValue()) {
                JsonNode o = objects.nextValue();
                init = o.path("child-pid").asLong(init);
                pidNs = o.path("pid-namespace").asLong(pidNs);
                exit |= o.has("exit-code");
            }
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException | RuntimeException e) {
            // a truncated last object (bwrap killed while writing): keep what was read before it
        }
        return new BwrapStatus(init, pidNs, exit);
    }
}
