package dev.agentic.core.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names {@link ValidationPolicy#strict()} allows and denies, for both languages (Python module names and
 * Java package names do not collide). A module listed whole allows everything below it; a module that only has
 * members listed ({@code os.environ}, {@code os.path}) may be imported, but only those members may be used.
 * The lists live in {@link StrictPythonModules}, {@link StrictPythonMembers} and {@link StrictJavaNames}; this
 * class joins them. Constants only.
 */
final class StrictNames {
    private StrictNames() {}

    static final Set<String> ALLOWED =
            union(StrictPythonModules.ALLOWED, StrictPythonMembers.ALLOWED, StrictJavaNames.ALLOWED);
    static final Set<String> DENIED = union(StrictPythonModules.DENIED, StrictJavaNames.DENIED);

    @SafeVarargs
    private static Set<String> union(List<String>... lists) {
        Set<String> out = new HashSet<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return Set.copyOf(out);
    }
}
