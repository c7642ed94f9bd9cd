// validated with the network allowlist: api.example.com
// family: host assembled at run time
// expected finding: unresolved-host
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class HostFromEnvironment {
    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("TARGET", "api.example.com");
        HttpRequest r = HttpRequest.newBuilder(URI.create("https://" + host + "/collect")).build();
        HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }
}
