// validated with the network allowlist: api.stripe.com
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

public class StripeCustomers {
    private static final String BASE = "https://api.stripe.com/v1";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String call(String method, String path, String body) throws IOException, InterruptedException {
        String key = System.getenv("STRIPE_API_KEY");
        String auth = Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", "Basic " + auth)
                .timeout(Duration.ofSeconds(20));
        b = body == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IOException("Stripe returned " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    public static void main(String[] args) throws Exception {
        System.out.println(call("POST", "/customers", form(Map.of("name", "Alice", "email", "alice@example.com"))));
        System.out.println(call("GET", "/customers?limit=3", null));
    }
}
