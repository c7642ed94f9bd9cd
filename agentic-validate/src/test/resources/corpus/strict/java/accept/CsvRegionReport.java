import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class CsvRegionReport {
    record Sale(String region, String product, double amount) {}

    public static void main(String[] args) throws IOException {
        List<Sale> sales = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of("sales.csv"), StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                sales.add(new Sale(f[0], f[1], Double.parseDouble(f[2])));
            }
        }
        Map<String, DoubleSummaryStatistics> byRegion = new TreeMap<>();
        for (Sale s : sales) {
            byRegion.computeIfAbsent(s.region(), k -> new DoubleSummaryStatistics()).accept(s.amount());
        }
        StringBuilder out = new StringBuilder("region,count,total,average\n");
        byRegion.forEach((region, st) -> out.append(String.format("%s,%d,%.2f,%.2f%n",
                region, st.getCount(), st.getSum(), st.getAverage())));
        Files.createDirectories(Path.of("out"));
        Files.writeString(Path.of("out", "regions.csv"), out.toString());
        System.out.print(out);
    }
}
