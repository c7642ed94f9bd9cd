package dev.agentic.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An {@link ArtifactStore} in a local directory: key {@code a/b.json} is file {@code <root>/a/b.json}.
 *
 * <p>Thread-safe, also across processes sharing the directory: every write goes to a temporary file in the
 * target's directory and is then moved into place atomically; {@link #putNew} reserves its key with an
 * exclusive create so two writers never take the same key. Holds no open resources.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;
    private final VariantHint hint = new VariantHint();

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
        } catch (IOException e) {
            throw new StorageException("Cannot create artifact directory " + abs + ": " + e
                    + ". Choose a writable directory.", e);
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
    public void put(String key, byte[] content) {
        Path target = pathOf(key);
        try {
            Path temp = writeTemp(target, content);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new StorageException("Cannot write artifact '" + key + "' under " + root + ": " + e, e);
        }
    }

    @Override
    public String putNew(String key, byte[] content) {
        try {
            Path target0 = pathOf(key);
            Path temp = writeTemp(target0, content);
            try {
                for (int n = hint.firstCandidate(key); ; n++) {
                    String candidate = ArtifactKeys.variant(key, n);
                    Path target = pathOf(candidate);
                    try {
                        Files.createFile(target);
                    } catch (FileAlreadyExistsException taken) {
                        continue;
                    }
                    hint.taken(key, n);
                    moveIntoPlace(temp, target);
                    return candidate;
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot write artifact '" + key + "' under " + root + ": " + e, e);
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

    @Override
    public List<String> list(String prefix) {
        ArtifactKeys.checkPrefix(prefix);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("Cannot list artifacts under " + root + ": " + e, e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new StorageException("Cannot delete artifact '" + key + "' under " + root + ": " + e, e);
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
