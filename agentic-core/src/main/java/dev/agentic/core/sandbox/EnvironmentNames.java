package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules for environment variable names that every sandbox request shares. Stateless. */
final class EnvironmentNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvironmentNames() {}

    /** @throws ConfigurationException when {@code name} is not a portable environment variable name */
    static String check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException(
                    "Environment variable name '" + name + "' must match [A-Za-z_][A-Za-z0-9_]*.");
        }
        return name;
    }

    /** @throws ConfigurationException when a name is both a plain variable and a secret */
    static void checkDisjoint(Map<String, String> environment, Map<String, String> secrets) {
        for (String name : secrets.keySet()) {
            if (environment.containsKey(name)) {
                throw new ConfigurationException("Environment variable " + name
                        + " is set both as plain environment and as a secret; keep one.");
            }
        }
    }
}
