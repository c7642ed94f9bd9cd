// validated with the network allowlist: api.stripe.com
// expected finding: host-not-allowed
import java.net.URI;
public class Main {
    public static void main(String[] args) throws Exception {
        URI u = new URI("https", "evil.example", "/x", null);
        System.out.println(u.toURL().openStream().read());
    }
}
