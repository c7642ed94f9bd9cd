// validated with the network allowlist: api.stripe.com
// expected finding: host-not-allowed
import java.net.URI;
public class Main {
    public static void main(String[] args) {
        String u = """
            https://evil.example/x""";
        System.out.println(URI.create(u.strip()));
    }
}
