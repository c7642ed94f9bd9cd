package dev.agentic.cli;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.OutputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files the commands read (programs, inputs) and write ({@code --output-dir}); every failure is a
 * {@link ConfigurationException} naming the file and the problem in words. Stateless.
 */
final class CliFiles {
    private CliFiles() {}

    /** The text of {@code file}, which must be UTF-8. */
    static String readText(String what, Path file) {
        byte[] bytes = readBytes(what, file);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(what + " " + file + " is not UTF-8 text; save it as UTF-8.", e);
        }
    }

    /** The bytes of {@code file}. */
    static byte[] readBytes(String what, Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigurationException(what + " " + file + " is a directory; name a file.");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(what + " " + file + " does not exist; check the path.", e);
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(what + " " + file + " cannot be read: permission denied.", e);
        } catch (IOException | SecurityException e) {
            throw new ConfigurationException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks before anything runs that {@code dir} is a directory or can become one: it, or its nearest existing
     * ancestor, is a directory.
     */
    static void checkOutputDir(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new ConfigurationException("--output-dir " + dir + " cannot be a directory: " + p
                    + " is not a directory; name a directory (it is created when missing).");
        }
    }

    /**
     * Writes {@code files} under {@code dir} (created when missing), each at its path with unsafe characters
     * replaced, never outside {@code dir} and never through a symbolic link; an existing file is replaced.
     *
     * @return each file's path in the working directory to the path it was written to
     */
    static Map<String, Path> writeAll(Path dir, List<OutputFile> files) {
        Map<String, Path> written = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return written;
        }
        Path root;
        try {
            Files.createDirectories(dir);
            root = dir.toRealPath();
        } catch (IOException | SecurityException e) {
            throw new ConfigurationException("--output-dir " + dir + " cannot be created: " + e.getMessage(), e);
        }
        for (OutputFile f : files) {
            Path target = root.resolve(safeRelative(f.path())).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new ConfigurationException("Output file '" + f.path() + "' would land outside --output-dir " + dir
                        + "; it was not written.");
            }
            try {
                Path parent = target.getParent();
                Files.createDirectories(parent);
                if (!parent.toRealPath().startsWith(root) || Files.isSymbolicLink(target)) {
                    throw new ConfigurationException("Output file '" + f.path() + "' would be written through a "
                            + "symbolic link in --output-dir " + dir + "; it was not written.");
                }
                Files.write(
                        target,
                        f.content(),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new ConfigurationException(
                        "Output file '" + f.path() + "' cannot be written to " + target + ": " + e.getMessage(), e);
            }
            written.put(f.path(), target);
        }
        return written;
    }

    /** {@code path} as a relative path of safe names: no empty, '.', '..' or hidden segments. */
    static String safeRelative(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split("[/\\\\]+")) {
            String safe = segment.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_");
            if (safe.isBlank() || safe.equals(".") || safe.equals("..")) {
                continue;
            }
            if (safe.startsWith(".")) {
                safe = "_" + safe;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(safe);
        }
        return sb.length() == 0 ? "file" : sb.toString();
    }
}
