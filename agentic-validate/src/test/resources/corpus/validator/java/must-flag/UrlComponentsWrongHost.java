// validated with the network allowlist: api.github.com
// expected finding: host-not-allowed
import java.net.URL;
public class Main {
    public static void main(String[] args) throws Exception {
        var c = new URL("http", "evil.example", 80, "/x").openConnection();
        c.connect();
    }
}
