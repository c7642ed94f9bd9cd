package dev.agentic.validate.internal.java;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "is there a JDK class {@code java.nio.file.Files}?" without loading it, by looking for its class file
 * in the runtime's own modules. This is how a wildcard import ({@code import java.nio.file.*;}) or an implicit
 * java.lang name is resolved. Thread-safe; answers are cached.
 */
final class JdkTypes {
    private static final int MAX_CACHED = 20_000;
    private static final Map<String, Boolean> CACHE = new ConcurrentHashMap<>();

    private JdkTypes() {}

    /** Whether {@code pkg.simpleName} is a class of the running JDK. */
    static boolean exists(String pkg, String simpleName) {
        Module module = Packages.BY_NAME.get(pkg);
        if (module == null) {
            return false;
        }
        String key = pkg + "." + simpleName;
        Boolean cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        boolean found;
        try (InputStream in = module.getResourceAsStream(pkg.replace('.', '/') + "/" + simpleName + ".class")) {
            found = in != null;
        } catch (IOException e) {
            found = false;
        }
        if (CACHE.size() < MAX_CACHED) {
            CACHE.put(key, found);
        }
        return found;
    }

    /** Whether {@code pkg} is a package of the running JDK. */
    static boolean isJdkPackage(String pkg) {
        return Packages.BY_NAME.containsKey(pkg);
    }

    /** The boot layer's packages, computed once on first use. */
    private static final class Packages {
        static final Map<String, Module> BY_NAME = index();

        private static Map<String, Module> index() {
            Map<String, Module> out = new HashMap<>();
            for (Module m : ModuleLayer.boot().modules()) {
                for (String p : m.getPackages()) {
                    out.putIfAbsent(p, m);
                }
            }
            return Map.copyOf(out);
        }
    }
}
