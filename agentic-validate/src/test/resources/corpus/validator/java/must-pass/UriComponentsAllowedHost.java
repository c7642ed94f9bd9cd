// validated with the network allowlist: api.stripe.com
import java.net.URI;
import java.net.URL;
public class Main {
    public static void main(String[] args) throws Exception {
        URI charges = new URI("https", "api.stripe.com", "/v1/charges", null);
        URI customers = new URI("https", null, "api.stripe.com", 443, "/v1/customers", "limit=10", null);
        URL legacy = new URL("https", "api.stripe.com", 443, "/v1/balance");
        String viaBuilder = new StringBuilder("https://").append("api.stripe.com").append("/v1/refunds").toString();
        System.out.println(charges + " " + customers + " " + legacy + " " + URI.create(viaBuilder));
    }
}
