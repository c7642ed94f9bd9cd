// validated with the network allowlist: api.example.com
// family: host assembled at run time from characters
// expected finding: unresolved-host
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class HostFromCharArray {
    public static void main(String[] args) throws Exception {
        String h = new String(new char[] {'e', 'v', 'i', 'l', '.', 'i', 'o'});
        URI target = new URI("https", h, "/x", null);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.ofString());
    }
}
