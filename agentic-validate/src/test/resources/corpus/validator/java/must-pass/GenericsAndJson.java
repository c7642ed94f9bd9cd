import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

public class GenericsAndJson {
    interface Repository<T, K> {
        List<T> findAll();

        default Map<K, T> index(Function<T, K> key) {
            return findAll().stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a,
                    LinkedHashMap::new));
        }
    }

    record Invoice(String id, String customer, long cents, LocalDate due) {}

    static String toJson(Invoice i) {
        return String.format("{\"id\":\"%s\",\"customer\":\"%s\",\"cents\":%d,\"due\":\"%s\"}", i.id(),
                i.customer(), i.cents(), i.due().format(DateTimeFormatter.ISO_LOCAL_DATE));
    }

    public static void main(String[] args) {
        Repository<Invoice, String> repo = () -> List.of(
                new Invoice("in_1", "alice", 1999, LocalDate.of(2024, 1, 31)),
                new Invoice("in_2", "bob", 4550, LocalDate.of(2024, 2, 29)));
        Map<String, Invoice> byId = repo.index(Invoice::id);
        String json = byId.values().stream().sorted(Comparator.comparingLong(Invoice::cents).reversed())
                .map(GenericsAndJson::toJson).collect(Collectors.joining(",", "[", "]"));
        System.out.println(json);
        System.out.println(Thread.currentThread().getName() + " " + Runtime.version().feature());
    }
}
