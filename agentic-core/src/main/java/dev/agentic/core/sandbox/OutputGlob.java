package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;

/**
 * The meaning of an output glob ({@link ExecutionRequest#outputGlobs()}, {@code Task.outputGlobs()}), for every
 * sandbox that collects output files. Stateless and thread-safe.
 *
 * <p>A glob is the {@code glob:} syntax of {@link java.nio.file.FileSystem#getPathMatcher}, matched against a
 * file's path relative to the working directory ({@code out/a.csv}), with one addition that shells and build
 * tools share: {@code **}{@code /} also matches no directory at all, so {@code **}{@code /*.csv} matches
 * {@code out.csv} as well as {@code a/b/out.csv}, and {@code out/**}{@code /*.json} matches {@code out/x.json}.
 */
@Experimental
public final class OutputGlob {
    /** More {@code **}{@code /} segments than this are matched as the plain glob (each doubles the work). */
    private static final int MAX_OPTIONAL_SEGMENTS = 6;

    private OutputGlob() {}

    /**
     * Checks that {@code glob} is a usable output glob.
     *
     * @throws ConfigurationException naming the glob and the problem, when it is blank or not valid glob syntax
     */
    public static void validate(String glob) {
        matcher(glob);
    }

    /**
     * A matcher for paths relative to the working directory.
     *
     * @throws ConfigurationException naming the glob and the problem, when it is blank or not valid glob syntax
     */
    public static PathMatcher matcher(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new ConfigurationException("outputGlob must not be blank (for example *.csv)");
        }
        List<PathMatcher> alternatives = new ArrayList<>();
        try {
            for (String g : variants(glob)) {
                alternatives.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
            }
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException("outputGlob '" + glob + "' is not a valid glob: " + e.getDescription()
                    + " at index " + e.getIndex() + " (for example *.csv, out/*.json or **/*.csv)");
        }
        return path -> {
            Objects.requireNonNull(path, "path");
            for (PathMatcher m : alternatives) {
                if (m.matches(path)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The glob, and the glob with each combination of its {@code **}{@code /} segments left out. */
    private static List<String> variants(String glob) {
        List<String> out = new ArrayList<>();
        out.add(glob);
        int segments = 0;
        for (int i = glob.indexOf("**/"); i >= 0 && segments < MAX_OPTIONAL_SEGMENTS; i = glob.indexOf("**/", i + 3)) {
            if (i > 0 && glob.charAt(i - 1) != '/') {
                continue;
            }
            segments++;
            int at = i;
            List<String> more = new ArrayList<>();
            for (String v : out) {
                // the same occurrence, counted from the end, is at the same place in every variant so far
                int pos = v.length() - (glob.length() - at);
                more.add(v.substring(0, pos) + v.substring(pos + 3));
            }
            out.addAll(more);
        }
        return out;
    }
}
