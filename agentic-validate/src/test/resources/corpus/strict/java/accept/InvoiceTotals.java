import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class InvoiceTotals {
    static final BigDecimal VAT = new BigDecimal("0.19");

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("invoice_lines.csv"));
        BigDecimal net = BigDecimal.ZERO;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            net = net.add(new BigDecimal(f[1]).multiply(new BigDecimal(f[2])));
        }
        net = net.setScale(2, RoundingMode.HALF_UP);
        BigDecimal vat = net.multiply(VAT).setScale(2, RoundingMode.HALF_UP);
        System.out.println("net " + net + " vat " + vat + " gross " + net.add(vat));
    }
}
