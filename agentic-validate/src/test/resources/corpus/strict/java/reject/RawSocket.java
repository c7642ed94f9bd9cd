// validated with the network allowlist: api.example.com
// family: raw sockets outside the HTTP client
// expected finding: denied-import
import java.net.Socket;

public class RawSocket {
    public static void main(String[] args) throws Exception {
        try (Socket s = new Socket(args[0], 443)) {
            s.getOutputStream().write(1);
        }
    }
}
