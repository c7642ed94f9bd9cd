import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

public class CsvSummary {
    public static void main(String[] args) throws IOException {
        String csv = """
                region,amount
                north,120.50
                south,99.00
                north,80.25
                """;
        Map<String, BigDecimal> totals = new TreeMap<>();
        csv.lines().skip(1).map(l -> l.split(",")).forEach(p ->
                totals.merge(p[0], new BigDecimal(p[1]), BigDecimal::add));
        Path dir = Path.of("out");
        Files.createDirectories(dir);
        Path file = dir.resolve("summary.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, BigDecimal> e : totals.entrySet()) {
                w.write(e.getKey() + "," + e.getValue().setScale(2, RoundingMode.HALF_UP));
                w.newLine();
            }
        }
        try (PrintWriter log = new PrintWriter("out/log.txt", StandardCharsets.UTF_8)) {
            log.println("rows " + totals.size());
        }
        PrintWriter console = new PrintWriter(System.out, true);
        console.println(Files.readString(file));
        Files.deleteIfExists(Path.of("out", "tmp.csv"));
    }
}
