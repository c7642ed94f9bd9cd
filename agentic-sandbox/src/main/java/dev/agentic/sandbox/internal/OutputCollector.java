package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.OutputGlob;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects output files from a run's working directory after its whole process tree is dead, through a
 * directory handle opened while the sandbox lived (so it reads the sandbox's own tmpfs, never a host path).
 * Every lookup is relative to an open directory and never follows a link; only regular files are read
 * (a FIFO or device named like an output is skipped, never opened); a file reachable under two names
 * (a hard link, which cannot leave the tmpfs) is skipped; depth, count, per-file and total bytes are capped;
 * names are sanitised. Not thread-safe; used once per run.
 */
public final class OutputCollector {
    /** Deepest directory level walked. */
    static final int MAX_DEPTH = 16;
    /** Most directory entries examined in total (inode-bomb guard). */
    static final int MAX_ENTRIES = 10_000;

    private final List<PathMatcher> matchers = new ArrayList<>();
    private final int maxFiles;
    private final long maxFileBytes;
    private final long maxTotalBytes;
    private final List<String> notes = new ArrayList<>();
    private final Map<Object, Integer> linkCount = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<String> used = new HashSet<>();
    private int entries;

    private record Candidate(SecureDirectoryStream<Path> dir, Path name, String relative, Object key, long size) {}

    private final Set<String> excluded;

    /**
     * @param excluded relative paths never collected (the program file and the inputs, which are the
     *     host's own files mounted in)
     */
    public OutputCollector(
            List<String> globs, Set<String> excluded, int maxFiles, long maxFileBytes, long maxTotalBytes) {
        this.excluded = Set.copyOf(excluded);
        for (String g : globs) {
            matchers.add(OutputGlob.matcher(g));
        }
        this.maxFiles = maxFiles;
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Collects from {@code root}; notes say what was skipped and why. */
    public List<OutputFile> collect(SecureDirectoryStream<Path> root) {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        List<OutputFile> files = new ArrayList<>();
        try {
            walk(root, "", 0, opened);
            long total = 0;
            for (Candidate c : candidates) {
                if (linkCount.getOrDefault(c.key, 0) > 1) {
                    notes.add("output " + c.relative + " skipped: it has several names (hard link)");
                    continue;
                }
                if (files.size() >= maxFiles) {
                    notes.add("output " + c.relative + " skipped: more than " + maxFiles + " output files");
                    continue;
                }
                if (c.size > maxFileBytes || total + c.size > maxTotalBytes) {
                    notes.add("output " + c.relative + " skipped: " + c.size + " bytes is over the size cap");
                    continue;
                }
                byte[] content = read(c);
                if (content == null) {
                    continue;
                }
                total += content.length;
                files.add(new OutputFile(unique(c.relative), content));
            }
        } finally {
            for (SecureDirectoryStream<Path> d : opened) {
                try {
                    d.close();
                } catch (IOException e) {
                    // closing a read-only handle
                }
            }
        }
        return files;
    }

    /**
     * {@code relative}, or when an earlier output has that name already (different names can read the same after
     * sanitising: {@code data_2024.csv}, {@code data\n2024.csv}, {@code data\u200b2024.csv}), the first free
     * {@code name~N.ext}; a rename is noted.
     */
    private String unique(String relative) {
        String name = relative;
        if (!used.add(name)) {
            int slash = relative.lastIndexOf('/');
            int dot = relative.lastIndexOf('.');
            int cut = dot > slash + 1 ? dot : relative.length();
            for (int n = 2; !used.add(name); n++) {
                name = relative.substring(0, cut) + "~" + n + relative.substring(cut);
            }
            notes.add("output renamed to " + name + ": its name read " + relative
                    + " after sanitising, like an earlier output's");
        }
        return name;
    }

    /** What was skipped and why. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    private void walk(
            SecureDirectoryStream<Path> dir, String prefix, int depth, List<SecureDirectoryStream<Path>> opened) {
        List<Path> names = new ArrayList<>();
        for (Path p : dir) {
            if (++entries > MAX_ENTRIES) {
                notes.add("output collection stopped after " + MAX_ENTRIES + " directory entries");
                break;
            }
            names.add(p.getFileName());
        }
        for (Path name : names) {
            BasicFileAttributes a;
            try {
                a = dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (IOException e) {
                continue;
            }
            String relative = prefix + sanitise(name.toString());
            if (a.isDirectory()) {
                if (depth + 1 >= MAX_DEPTH) {
                    notes.add("directory " + relative + " not walked: deeper than " + MAX_DEPTH + " levels");
                    continue;
                }
                try {
                    SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                    opened.add(sub);
                    walk(sub, relative + "/", depth + 1, opened);
                } catch (IOException e) {
                    notes.add("directory " + relative + " not walked: "
                            + e.getClass().getSimpleName());
                }
                continue;
            }
            if (a.isRegularFile()) {
                linkCount.merge(a.fileKey(), 1, Integer::sum);
            }
            if (excluded.contains(relative) || !matches(relative)) {
                continue;
            }
            if (!a.isRegularFile()) {
                notes.add("output " + relative + " skipped: not a regular file ("
                        + (a.isSymbolicLink() ? "symbolic link" : "special file") + ")");
                continue;
            }
            candidates.add(new Candidate(dir, name, relative, a.fileKey(), a.size()));
        }
    }

    private boolean matches(String relative) {
        Path p = Path.of(relative);
        return matchers.stream().anyMatch(m -> m.matches(p));
    }

    private byte[] read(Candidate c) {
        try (SeekableByteChannel ch =
                c.dir.newByteChannel(c.name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(c.size + 1, maxFileBytes + 1));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill
            }
            if (buf.position() > maxFileBytes) {
                notes.add("output " + c.relative + " skipped: over the size cap");
                return null;
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        } catch (IOException e) {
            notes.add("output " + c.relative + " skipped: " + e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * A file name made safe to show and store: control and non-printable characters, path separators and
     * replacement characters become {@code _}; {@code .}/{@code ..} and over-long names are rewritten.
     */
    static String sanitise(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(cp -> {
            boolean bad = Character.isISOControl(cp)
                    || cp == '/'
                    || cp == '\\'
                    || cp == 0xFFFD
                    || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.UNASSIGNED
                    || Character.getType(cp) == Character.SURROGATE;
            sb.appendCodePoint(bad ? '_' : cp);
        });
        String s = sb.toString();
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            s = "_" + s;
        }
        if (s.length() > 200) {
            s = s.substring(0, 200);
        }
        return s;
    }
}
