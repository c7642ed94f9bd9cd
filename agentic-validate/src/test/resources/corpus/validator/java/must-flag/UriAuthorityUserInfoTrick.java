// validated with the network allowlist: api.stripe.com
// expected finding: host-not-allowed
import java.net.URI;
public class Main {
    public static void main(String[] args) throws Exception {
        URI u = new URI("https", "api.stripe.com@evil.example:443", "/v1", null, null);
        System.out.println(u);
    }
}
