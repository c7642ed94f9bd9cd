package dev.agentic.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A directory of writes that could not reach their store yet, kept in order across JVM restarts. Each write is
 * one file {@code <sequence>.entry}: a JSON header line (key, mode, content type, user metadata) and then the
 * content. A file is written under a temporary name, forced to disk and renamed into place, so an entry is either
 * complete or absent; temporary files a crash left behind are removed on {@link #open}. An entry is removed only
 * after its upload succeeded, so a crash between the two leaves it to be uploaded again: uploads must be
 * idempotent (see {@code SpoolingWriter}).
 *
 * <p>One spool directory belongs to one store at a time: {@link #open} takes a file lock and refuses a directory
 * another store holds. Thread-safe; {@link #close()} releases the lock.
 */
public final class Spool implements Closeable {
    /** How an entry is uploaded: replacing what is there, or only at a free key. */
    public enum Mode {
        PUT,
        CREATE
    }

    /** One spooled write; its content and metadata are read from its file when needed. */
    public static final class Entry {
        final long sequence;
        final String key;
        final Mode mode;
        final Path file;
        final long size;

        Entry(long sequence, String key, Mode mode, Path file, long size) {
            this.sequence = sequence;
            this.key = key;
            this.mode = mode;
            this.file = file;
            this.size = size;
        }

        public String key() {
            return key;
        }

        public Mode mode() {
            return mode;
        }

        @Override
        public String toString() {
            return "Spool.Entry[" + sequence + ", " + mode + " " + key + ", " + size + " bytes]";
        }
    }

    /** An entry's content and metadata, read from its file. */
    public static final class Loaded {
        public final byte[] content;
        public final ArtifactMetadata metadata;

        Loaded(byte[] content, ArtifactMetadata metadata) {
            this.content = content;
            this.metadata = metadata;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".entry";
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path dir;
    private final long maxBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Entry> entries = new ArrayList<>();
    private long bytes;
    private long nextSequence = 1;

    private Spool(Path dir, long maxBytes, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating when missing) the spool in {@code dir}, holding at most {@code maxBytes} of entry files.
     *
     * @throws StorageException when the directory cannot be created or read
     * @throws ConfigurationException when another store holds the directory
     */
    public static Spool open(Path dir, long maxBytes) {
        Path abs = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(abs);
            channel = FileChannel.open(abs.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException held) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new ConfigurationException("Spool directory " + abs + " is in use by another store; give each "
                        + "store its own spool directory (spoolDirectory(...)).");
            }
            Spool spool = new Spool(abs, maxBytes, channel, lock);
            spool.load();
            return spool;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException(
                    "Cannot open spool directory " + abs + ": " + e + ". Choose a writable "
                            + "directory for the spool.",
                    e);
        }
    }

    private void load() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.startsWith(TEMP_PREFIX)) {
                Files.deleteIfExists(f);
            } else if (name.endsWith(SUFFIX)) {
                long sequence = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                JsonNode header = header(Files.readAllBytes(f), f);
                Entry e = new Entry(
                        sequence,
                        header.path("key").asText(),
                        Mode.valueOf(header.path("mode").asText()),
                        f,
                        Files.size(f));
                entries.add(e);
                bytes += e.size;
                nextSequence = Math.max(nextSequence, sequence + 1);
            }
        }
    }

    /**
     * Appends a write. A {@link Mode#CREATE} whose key a pending entry already holds is not added.
     *
     * @return false when a CREATE found its key held by a pending entry, else true
     * @throws StorageException when the spool would exceed its size, or the entry cannot be written
     */
    public synchronized boolean add(Mode mode, String key, byte[] content, ArtifactMetadata metadata) {
        if (mode == Mode.CREATE && latestEntry(key).isPresent()) {
            return false;
        }
        byte[] file = encode(mode, key, content, metadata);
        if (bytes + file.length > maxBytes) {
            throw new StorageException(
                    "The spool in " + dir + " is full: " + entries.size() + " writes (" + bytes + " of at most "
                            + maxBytes + " bytes) wait for S3, and '" + key + "' (" + file.length
                            + " bytes) does not fit. "
                            + "Restore access to S3 and flush() the store, or give it a larger spoolMaxBytes.",
                    null,
                    true);
        }
        long sequence = nextSequence++;
        Path target = dir.resolve(String.format("%019d%s", sequence, SUFFIX));
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(file);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is removed on the next open
            }
            throw new StorageException("Cannot keep '" + key + "' in the spool " + dir + ": " + e, e);
        }
        entries.add(new Entry(sequence, key, mode, target, file.length));
        bytes += file.length;
        return true;
    }

    /** The pending entries, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The bytes the entry files take. */
    public synchronized long bytes() {
        return bytes;
    }

    public Path directory() {
        return dir;
    }

    /** The newest pending write of {@code key}, as an artifact. */
    public Optional<Artifact> latest(String key) {
        Optional<Entry> e;
        synchronized (this) {
            e = latestEntry(key);
        }
        if (e.isEmpty()) {
            return Optional.empty();
        }
        try {
            Loaded loaded = load(e.get());
            return Optional.of(Artifact.builder()
                    .key(key)
                    .content(loaded.content)
                    .metadata(loaded.metadata)
                    .lastModified(Files.getLastModifiedTime(e.get().file).toInstant())
                    .build());
        } catch (StorageException | IOException gone) {
            return Optional.empty();
        }
    }

    private Optional<Entry> latestEntry(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key.equals(key)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** Reads an entry's content and metadata. */
    public Loaded load(Entry e) {
        try {
            byte[] raw = Files.readAllBytes(e.file);
            JsonNode header = header(raw, e.file);
            int start = indexOfNewline(raw) + 1;
            ArtifactMetadata.Builder metadata = ArtifactMetadata.builder()
                    .contentType(header.path("contentType").asText());
            for (Map.Entry<String, JsonNode> m : header.path("userMetadata").properties()) {
                metadata.userMetadata(m.getKey(), m.getValue().asText());
            }
            return new Loaded(Arrays.copyOfRange(raw, start, raw.length), metadata.build());
        } catch (IOException ex) {
            throw new StorageException("Cannot read spool entry " + e.file + ": " + ex, ex);
        }
    }

    /** Removes an uploaded entry. */
    public synchronized void remove(Entry e) {
        try {
            Files.deleteIfExists(e.file);
        } catch (IOException ex) {
            throw new StorageException(
                    "Cannot remove uploaded spool entry " + e.file + ": " + ex
                            + "; it would be uploaded again. Check the spool directory's permissions.",
                    ex);
        }
        if (entries.remove(e)) {
            bytes -= e.size;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private static byte[] encode(Mode mode, String key, byte[] content, ArtifactMetadata metadata) {
        ObjectNode header = JSON.createObjectNode();
        header.put("key", key);
        header.put("mode", mode.name());
        header.put("contentType", metadata.contentType());
        ObjectNode user = header.putObject("userMetadata");
        metadata.userMetadata().forEach(user::put);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 256);
        try {
            out.write(JSON.writeValueAsBytes(header));
        } catch (IOException e) {
            throw new StorageException("Cannot encode spool entry for '" + key + "': " + e, e);
        }
        out.write('\n');
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static JsonNode header(byte[] raw, Path file) throws IOException {
        int newline = indexOfNewline(raw);
        if (newline < 0) {
            throw new IOException("spool entry " + file + " has no header line");
        }
        return JSON.readTree(new String(raw, 0, newline, StandardCharsets.UTF_8));
    }

    private static int indexOfNewline(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    @Override
    public String toString() {
        return "Spool[" + dir + "]";
    }
}
