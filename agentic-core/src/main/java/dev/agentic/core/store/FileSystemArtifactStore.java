package dev.agentic.core.store;

import dev.agentic.core.annotation.Stable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An {@link ArtifactStore} in a local directory: key {@code a/b.json} is file {@code <root>/a/b.json}, and
 * its {@link ArtifactMetadata} is in {@code <root>/a/.meta-b.json} (no valid key starts with '.', so
 * listing never shows it).
 *
 * <p>Thread-safe, also across processes sharing the directory. Every write goes to a temporary file in the
 * target's directory first, so no reader ever sees part of a file: {@link #put put} then moves it into place
 * atomically, {@link #putIfAbsent putIfAbsent} hard-links it into place, which fails when the key exists
 * (on a file system without hard links it reserves the key with an exclusive create instead, and a reader
 * in another process may briefly see that key empty). The metadata file records a digest of the content
 * it belongs to, so a reader never pairs one write's content with another's metadata: it waits for a
 * writer in this JVM to finish, and reads {@link ArtifactMetadata#empty()} for a file written by other
 * means or whose writer stopped midway. Holds no open resources.
 */
@Stable
public final class FileSystemArtifactStore implements ArtifactStore {
    private static final String TEMP_PREFIX = ".tmp-";
    /** Writers of one key in this JVM take the same lock, whichever store instance they use. */
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final Path root;
    private final VariantWriter variants = VariantWriter.create();

    private FileSystemArtifactStore(Path root) {
        this.root = root;
    }

    /**
     * A store rooted at {@code root}, created when missing.
     *
     * @throws StorageException when the directory cannot be created
     */
    public static FileSystemArtifactStore at(Path root) {
        Objects.requireNonNull(root, "root");
        Path abs = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException(
                    "Cannot create artifact directory " + abs + ": " + e.getFile()
                            + " is a file, not a directory. Choose a writable directory.",
                    e);
        } catch (IOException e) {
            throw new StorageException(
                    "Cannot create artifact directory " + abs + ": " + e + ". Choose a writable directory.", e);
        }
        return new FileSystemArtifactStore(abs);
    }

    public Path root() {
        return root;
    }

    /** The file that holds {@code key}. */
    public Path pathOf(String key) {
        Path p = root.resolve(ArtifactKeys.check(key)).normalize();
        if (!p.startsWith(root)) {
            throw new StorageException("Key '" + key + "' points outside " + root);
        }
        return p;
    }

    @Override
    public void put(String key, byte[] content, ArtifactMetadata metadata) {
        Path target = pathOf(key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadata, "metadata");
        try {
            Path temp = writeTemp(target, content);
            try {
                Path tempMeta = writeTemp(target, MetadataSidecar.encode(content, metadata));
                try {
                    ReentrantLock lock = lockOf(target);
                    lock.lock();
                    try {
                        moveIntoPlace(tempMeta, MetadataSidecar.of(target));
                        moveIntoPlace(temp, target);
                    } finally {
                        lock.unlock();
                    }
                } finally {
                    Files.deleteIfExists(tempMeta);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot write artifact '" + key + "' under " + root + ": " + e, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content, ArtifactMetadata metadata) {
        Path target = pathOf(key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadata, "metadata");
        if (Files.exists(target)) {
            return false;
        }
        try {
            Path temp = writeTemp(target, content);
            try {
                Path tempMeta = writeTemp(target, MetadataSidecar.encode(content, metadata));
                try {
                    ReentrantLock lock = lockOf(target);
                    lock.lock();
                    try {
                        if (!createExclusively(temp, target)) {
                            return false;
                        }
                        moveIntoPlace(tempMeta, MetadataSidecar.of(target));
                        return true;
                    } finally {
                        lock.unlock();
                    }
                } finally {
                    Files.deleteIfExists(tempMeta);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot write artifact '" + key + "' under " + root + ": " + e, e);
        }
    }

    @Override
    public String putNew(String key, byte[] content, ArtifactMetadata metadata) {
        return variants.putNew(this, key, content, metadata);
    }

    @Override
    public Optional<Artifact> read(String key) {
        Path target = pathOf(key);
        try {
            Optional<Snapshot> first = snapshot(target);
            if (first.isEmpty() || first.get().metadata.isPresent()) {
                return first.map(s -> s.artifact(key));
            }
            ReentrantLock lock = lockOf(target);
            lock.lock();
            try {
                return snapshot(target).map(s -> s.artifact(key));
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read artifact '" + key + "' under " + root + ": " + e, e);
        }
    }

    /** The file's content with its metadata when the metadata file is of the same write; empty when absent. */
    private static Optional<Snapshot> snapshot(Path target) throws IOException {
        byte[] content;
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(target).toInstant();
            content = Files.readAllBytes(target);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(
                new Snapshot(content, modified, MetadataSidecar.readFor(MetadataSidecar.of(target), content)));
    }

    private static final class Snapshot {
        final byte[] content;
        final Instant modified;
        final Optional<ArtifactMetadata> metadata;

        Snapshot(byte[] content, Instant modified, Optional<ArtifactMetadata> metadata) {
            this.content = content;
            this.modified = modified;
            this.metadata = metadata;
        }

        Artifact artifact(String key) {
            return Artifact.builder()
                    .key(key)
                    .content(content)
                    .metadata(metadata.orElse(ArtifactMetadata.empty()))
                    .lastModified(modified)
                    .build();
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("Cannot read artifact '" + key + "' under " + root + ": " + e, e);
        }
    }

    /** One page of keys; the continuation token is the page's last key. Walks only the prefix's directory. */
    @Override
    public ArtifactPage list(ListRequest request) {
        String prefix = request.prefix();
        Optional<String> after = request.continuationToken();
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return ArtifactPage.empty();
        }
        List<String> keys;
        try (Stream<Path> files = Files.walk(start)) {
            keys = files.filter(Files::isRegularFile)
                    .map(this::keyOf)
                    .filter(k -> k.startsWith(prefix) && ArtifactKeys.isValid(k))
                    .filter(k -> after.isEmpty() || k.compareTo(after.get()) > 0)
                    .sorted()
                    .limit(request.pageSize() + 1L)
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Cannot list artifacts under " + root + ": " + e, e);
        }
        if (keys.size() <= request.pageSize()) {
            return ArtifactPage.builder().keys(keys).build();
        }
        List<String> page = keys.subList(0, request.pageSize());
        return ArtifactPage.builder()
                .keys(page)
                .nextToken(page.get(page.size() - 1))
                .build();
    }

    @Override
    public boolean delete(String key) {
        Path target = pathOf(key);
        ReentrantLock lock = lockOf(target);
        lock.lock();
        try {
            boolean existed = Files.deleteIfExists(target);
            Files.deleteIfExists(MetadataSidecar.of(target));
            return existed;
        } catch (IOException e) {
            throw new StorageException("Cannot delete artifact '" + key + "' under " + root + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    private String keyOf(Path file) {
        StringBuilder key = new StringBuilder();
        for (Path segment : root.relativize(file)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment);
        }
        return key.toString();
    }

    private static ReentrantLock lockOf(Path target) {
        return LOCKS[Math.floorMod(target.hashCode(), LOCKS.length)];
    }

    /** Puts the complete {@code temp} at {@code target} unless {@code target} exists; returns whether it did. */
    private static boolean createExclusively(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            try {
                Files.createFile(target);
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
            moveIntoPlace(temp, target);
            return true;
        }
    }

    private static Path writeTemp(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
        try {
            Files.write(temp, content);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "FileSystemArtifactStore[" + root + "]";
    }
}
