// validated with the network allowlist: api.example.com
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

public class ParallelFetch {
    static final String BASE = "https://api.example.com/v2/items/";

    public static void main(String[] args) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(pool).build();
        List<CompletableFuture<String>> calls = List.of(101, 102, 103, 104).stream()
                .map(id -> HttpRequest.newBuilder(URI.create(BASE + id)).GET().build())
                .map(req -> client.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                        .thenApply(r -> r.statusCode() + " " + r.uri()))
                .collect(Collectors.toList());
        calls.forEach(c -> System.out.println(c.join()));
        pool.shutdown();
    }
}
