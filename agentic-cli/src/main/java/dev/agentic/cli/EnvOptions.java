package dev.agentic.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --env NAME=VALUE}, shared by {@code exec}, {@code run} and {@code repl} as a picocli mixin; each
 * command's help text is the {@code env} key of its resource bundle. Not thread-safe.
 */
final class EnvOptions {
    @Option(names = "--env", paramLabel = "NAME=VALUE", descriptionKey = "env")
    List<String> env = new ArrayList<>();

    /** The variables in the order given (a later one with the same name wins). */
    Map<String, String> variables() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : env) {
            String[] kv = CliValues.pair("--env", e);
            out.put(kv[0], kv[1]);
        }
        return out;
    }
}
