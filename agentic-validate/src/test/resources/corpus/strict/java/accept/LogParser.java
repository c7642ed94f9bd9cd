import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public class LogParser {
    private static final Pattern LINE =
            Pattern.compile("^(\\S+) - - \\[([^\\]]+)\\] \"(\\w+) (\\S+) [^\"]+\" (\\d{3})");

    public static void main(String[] args) throws IOException {
        Map<String, Integer> statuses = new TreeMap<>();
        try (Stream<String> lines = Files.lines(Path.of("access.log"))) {
            lines.map(LINE::matcher).filter(Matcher::find).forEach(m -> statuses.merge(m.group(5), 1, Integer::sum));
        }
        statuses.forEach((s, n) -> System.out.println(s + " " + n));
    }
}
