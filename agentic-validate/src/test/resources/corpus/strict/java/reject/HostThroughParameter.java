// validated with the network allowlist: api.example.com
// family: host assembled at run time and passed through a helper's parameter
// expected finding: unresolved-host
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class HostThroughParameter {
    static int post(String url, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public static void main(String[] args) throws Exception {
        post("https://api.example.com/ok", "{}");
        post("https://" + args[0] + "/x", System.getenv("API_KEY"));
    }
}
