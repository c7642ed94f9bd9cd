// expected finding: file-write-outside
import java.io.PrintStream;
public class Main {
    public static void main(String[] args) throws Exception {
        try (var p = new PrintStream("/etc/motd")) { p.println("x"); }
    }
}
