package dev.agentic.sandbox.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the top-level import names of the distributions installed in site-packages directories, from their
 * metadata files (see {@code PythonEnvironments.importNames}). Stateless.
 */
public final class ImportNames {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> INSTALLERS = Set.of("pip", "setuptools", "pkg_resources", "wheel", "distribute");

    private ImportNames() {}

    /** The names provided by the distributions in {@code sitePackages}, sorted. */
    public static Set<String> of(List<Path> sitePackages) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path site : sitePackages) {
            List<Path> metadata;
            try (Stream<Path> entries = Files.list(site)) {
                metadata = entries.filter(p -> {
                            String n = p.getFileName().toString();
                            return (n.endsWith(".dist-info") || n.endsWith(".egg-info")) && Files.isDirectory(p);
                        })
                        .sorted()
                        .toList();
            }
            for (Path info : metadata) {
                String distribution = normalise(distributionName(info));
                if (INSTALLERS.contains(distribution)) {
                    continue;
                }
                for (String n : namesOf(info, distribution)) {
                    if (IDENTIFIER.matcher(n).matches() && !INSTALLERS.contains(n)) {
                        names.add(n);
                    }
                }
            }
        }
        return names;
    }

    private static List<String> namesOf(Path info, String distribution) throws IOException {
        Path topLevel = info.resolve("top_level.txt");
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(topLevel)) {
            for (String line : Files.readAllLines(topLevel, StandardCharsets.UTF_8)) {
                String n = line.strip();
                int slash = n.indexOf('/');
                out.add(slash < 0 ? n : n.substring(0, slash));
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        Path record = info.resolve("RECORD");
        if (Files.isRegularFile(record)) {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                String n = recordName(line);
                if (n != null && !out.contains(n)) {
                    out.add(n);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of(distribution);
    }

    /** The module a RECORD line installs at the top level ({@code pkg/mod.py,sha256=...,123}), or null. */
    static String recordName(String line) {
        if (line.isBlank() || line.startsWith("\"")) {
            return null;
        }
        int comma = line.indexOf(',');
        String path = comma < 0 ? line : line.substring(0, comma);
        int slash = path.indexOf('/');
        if (slash >= 0) {
            String first = path.substring(0, slash);
            boolean metadata = first.endsWith(".dist-info") || first.endsWith(".data") || first.endsWith(".egg-info");
            return metadata || first.equals("..") || first.equals("__pycache__") ? null : first;
        }
        if (path.endsWith(".py")) {
            return path.substring(0, path.length() - 3);
        }
        if (path.endsWith(".so") || path.endsWith(".pyd")) {
            int dot = path.indexOf('.');
            return path.substring(0, dot);
        }
        return null;
    }

    /** {@code Name-1.0.dist-info} gives {@code Name}. */
    private static String distributionName(Path info) {
        String n = info.getFileName().toString();
        n = n.substring(0, n.lastIndexOf('.'));
        int dash = n.indexOf('-');
        return dash < 0 ? n : n.substring(0, dash);
    }

    /** As an import name: lower case, runs of {@code -}, {@code _} and {@code .} become one {@code _}. */
    static String normalise(String distribution) {
        return distribution.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
    }
}
