package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host-side directory of one run under the scratch root: the program file and the input files, which
 * are bind-mounted read-only into the sandbox, and (with egress) the proxy socket. Private (0700), owned by
 * the sandbox uid when the JVM runs as root, and deleted when closed. Not thread-safe; owned by one run.
 */
public final class RunDirectory implements AutoCloseable {
    private final Path dir;
    private final int ownerUid;
    private final List<String> inputNames = new ArrayList<>();

    private RunDirectory(Path dir, int ownerUid) {
        this.dir = dir;
        this.ownerUid = ownerUid;
    }

    /** Creates a fresh directory under {@code root} with the program and inputs written into it. */
    public static RunDirectory create(
            Path root, String programFile, String source, List<InputFile> inputs, int ownerUid) {
        try {
            Path dir = Files.createTempDirectory(
                    root, "run-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            RunDirectory run = new RunDirectory(dir, ownerUid);
            try {
                Path program = Files.write(dir.resolve(programFile), source.getBytes(StandardCharsets.UTF_8));
                if (inputs.isEmpty()) {
                    // the common case: no "in" directory and no tree walk
                    if (ownerUid >= 0) {
                        chown(program, ownerUid);
                        chown(dir, ownerUid);
                    }
                    return run;
                }
                Path in = Files.createDirectory(dir.resolve("in"));
                for (InputFile f : inputs) {
                    Path target = in.resolve(f.name()).normalize();
                    if (!target.startsWith(in)) {
                        throw new SandboxException("Input file name " + f.name() + " leaves the working directory");
                    }
                    if (in.relativize(target).getName(0).toString().equals(programFile)) {
                        throw new SandboxException("Input file " + f.name() + " has the program's own name ("
                                + programFile + ") and would be taken for the validated program; rename the input.");
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, f.content());
                    run.inputNames.add(f.name());
                }
                if (ownerUid >= 0) {
                    chownTree(dir, ownerUid);
                }
                return run;
            } catch (IOException | RuntimeException e) {
                run.close();
                throw e;
            }
        } catch (IOException e) {
            throw new SandboxException(
                    "Cannot prepare the run directory under " + root + ": " + e.getMessage()
                            + ". Check that the scratch root is writable and has free space.",
                    e);
        }
    }

    public Path path() {
        return dir;
    }

    /** The uid that owns this directory and runs the program in it, or -1 for this JVM's own uid. */
    public int ownerUid() {
        return ownerUid;
    }

    /** Relative names of the input files, as written. */
    public List<String> inputNames() {
        return List.copyOf(inputNames);
    }

    /** Makes {@code path} (inside this directory) owned by {@code uid}, when running as root. */
    public static void chown(Path path, int uid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }

    private static void chownTree(Path dir, int uid) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                chown(p, uid);
            }
        }
    }

    /** Deletes the directory and everything in it, never following links. */
    @Override
    public void close() {
        deleteTree(dir);
    }

    /** Deletes {@code dir} recursively without following symbolic links; best effort. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover empty scratch directory is logged by the caller's next cleanup
        }
    }
}
