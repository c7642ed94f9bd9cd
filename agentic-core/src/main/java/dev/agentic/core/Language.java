package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import java.util.Locale;
import java.util.Optional;

/** A programming language the SDK can generate, validate and run. */
@Stable
public enum Language {
    PYTHON("python", "py", "Python 3"),
    JAVA("java", "java", "Java 17"),
    JAVASCRIPT("javascript", "js", "JavaScript (Node.js)"),
    /**
     * TypeScript run by type stripping: erasable syntax only (annotations, interfaces, type aliases), no
     * {@code enum}, {@code namespace} or parameter properties, as Node.js 22.18+ and Deno run it.
     */
    TYPESCRIPT("typescript", "ts", "TypeScript");

    private final String id;
    private final String extension;
    private final String displayName;

    Language(String id, String extension, String displayName) {
        this.id = id;
        this.extension = extension;
        this.displayName = displayName;
    }

    /** Lower-case identifier used in prompts, fenced-block tags, CLI flags and records: {@code python}. */
    public String id() {
        return id;
    }

    /** File extension without the dot: {@code py}. */
    public String extension() {
        return extension;
    }

    /** Human-readable name with the version the SDK targets: {@code Python 3}. */
    public String displayName() {
        return displayName;
    }

    /**
     * Parses a language name as written by people and models: {@code python}, {@code py}, {@code Java},
     * {@code js}, {@code node}, {@code ts}.
     *
     * @throws ConfigurationException naming the accepted values when {@code name} is not one of them
     */
    public static Language parse(String name) {
        return find(name)
                .orElseThrow(() -> new ConfigurationException(
                        "Unknown language '" + name + "'; use one of: python, java, javascript, typescript."));
    }

    /** Like {@link #parse} but empty for an unknown name. */
    public static Optional<Language> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "python":
            case "python3":
            case "py":
            case "py3":
                return Optional.of(PYTHON);
            case "java":
                return Optional.of(JAVA);
            case "javascript":
            case "js":
            case "node":
            case "nodejs":
                return Optional.of(JAVASCRIPT);
            case "typescript":
            case "ts":
                return Optional.of(TYPESCRIPT);
            default:
                return Optional.empty();
        }
    }

    /** The language a file name's extension implies: {@code main.py} is Python. */
    public static Optional<Language> fromFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.extension.equals(ext)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
