// validated with the network allowlist: api.stripe.com
// expected finding: host-not-allowed
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
public class Main {
    public static void main(String[] args) throws Exception {
        SocketChannel.open(new InetSocketAddress("evil.example", 443));
    }
}
