// validated with the network allowlist: api.stripe.com
// expected finding: host-not-allowed
import java.net.URI;
public class Main {
    public static void main(String[] args) {
        String url = new StringBuilder("https://").append("evil").append(".example/x").toString();
        System.out.println(URI.create(url));
    }
}
