import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

public class InventoryJson {
    sealed interface Stock permits InStock, OutOfStock {}

    record InStock(String sku, int qty, double price) implements Stock {}

    record OutOfStock(String sku) implements Stock {}

    static String json(Stock s) {
        if (s instanceof InStock i) {
            return String.format("{\"sku\":\"%s\",\"qty\":%d,\"value\":%.2f}", i.sku(), i.qty(), i.qty() * i.price());
        }
        return "{\"sku\":\"" + ((OutOfStock) s).sku() + "\",\"qty\":0}";
    }

    public static void main(String[] args) throws IOException {
        List<Stock> stock = List.of(new InStock("A1", 120, 0.05), new OutOfStock("B2"), new InStock("C3", 2, 7.0));
        Optional<InStock> biggest = stock.stream()
                .filter(InStock.class::isInstance)
                .map(InStock.class::cast)
                .max(Comparator.comparingDouble(i -> i.qty() * i.price()));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of("inventory.json")))) {
            out.println(stock.stream().map(InventoryJson::json).collect(Collectors.joining(",\n ", "[", "]")));
        }
        System.out.println("biggest: " + biggest.map(InStock::sku).orElse("none"));
    }
}
