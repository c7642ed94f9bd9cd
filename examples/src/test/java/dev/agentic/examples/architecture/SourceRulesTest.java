package dev.agentic.examples.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules about the sources themselves, over every module's main and test code. */
class SourceRulesTest {
    /** A qualified class name in code: lowercase package segments, then a capitalised type name. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.\"/])(?:java|javax|dev|com|org|software|io|sun|jdk)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

    @Test
    void codeNamesTypesThroughImportsNotInlineQualifiedNames() throws IOException {
        List<String> offences = new ArrayList<>();
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java")
                            && p.toString().contains("/src/")
                            && !p.toString().contains("/resources/")
                            && !p.toString().contains("/target/"))
                    .forEach(p -> offences.addAll(offences(root, p)));
        }
        assertThat(offences)
                .as("inline fully-qualified names; import the type instead")
                .isEmpty();
    }

    private static List<String> offences(Path root, Path file) {
        List<String> found = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> imported = importedSimpleNames(lines);
        boolean inComment = false;
        boolean inTextBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (inTextBlock) {
                inTextBlock = !line.contains("\"\"\"");
                continue;
            }
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("//")
                    || line.startsWith("*")
                    || line.startsWith("import ")
                    || line.startsWith("package ")
                    || line.startsWith("@AnalyzeClasses")) {
                continue;
            }
            int block = line.indexOf("\"\"\"");
            if (block >= 0) {
                inTextBlock = line.indexOf("\"\"\"", block + 3) < 0;
                line = line.substring(0, block);
            }
            String code = withoutStringsAndComments(line);
            Matcher m = QUALIFIED.matcher(code);
            while (m.find()) {
                // A type whose simple name is taken by an import cannot be imported: the qualified name is the only
                // way.
                if (!imported.contains(m.group().substring(m.group().lastIndexOf('.') + 1))) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + m.group());
                    break;
                }
            }
        }
        return found;
    }

    /** The simple names of the types a source file imports one by one. */
    private static Set<String> importedSimpleNames(List<String> lines) {
        Set<String> names = new HashSet<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("import ") && !l.startsWith("import static ") && !l.endsWith(".*;")) {
                names.add(l.substring(l.lastIndexOf('.') + 1, l.length() - 1));
            }
        }
        return names;
    }

    /** The line without string and character literals and trailing comments. */
    private static String withoutStringsAndComments(String line) {
        String s = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(?:\\\\.|[^'\\\\])'", "''");
        int comment = s.indexOf("//");
        return comment >= 0 ? s.substring(0, comment) : s;
    }
}
