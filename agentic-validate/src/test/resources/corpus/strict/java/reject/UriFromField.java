// validated with the network allowlist: api.example.com
// family: host assembled at run time and kept in a URI field
// expected finding: unresolved-host
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class UriFromField {
    static URI target;

    public static void main(String[] args) throws Exception {
        target = new URI(args[0]);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder().uri(target).build(), HttpResponse.BodyHandlers.ofString());
    }
}
