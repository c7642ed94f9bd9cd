package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI is a client of the SDK like any other: it never reaches into another module's internals. */
class PublicApiOnlyTest {
    private static final Pattern INTERNAL = Pattern.compile("dev\\.agentic\\.[a-z.]*\\binternal\\b");

    @Test
    void noSourceOfTheCliUsesAnInternalPackage() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream()
                                    .filter(l -> INTERNAL.matcher(l).find())
                                    .map(l -> p + ": " + l.strip());
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
        assertThat(offenders).as("internal packages used by agentic-cli").isEmpty();
    }
}
