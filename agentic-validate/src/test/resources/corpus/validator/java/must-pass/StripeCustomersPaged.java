// validated with the network allowlist: api.stripe.com
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class StripeCustomersPaged {
    private static final String BASE = "https://api.stripe.com/v1";

    public static void main(String[] args) throws IOException, InterruptedException {
        String key = System.getenv("STRIPE_API_KEY");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> pages = new ArrayList<>();
        String query = "limit=" + 10 + "&email=" + URLEncoder.encode("alice@example.com", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/customers?" + query))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        pages.add(response.body());
        System.out.println(response.statusCode() + " pages=" + pages.size());
    }
}
