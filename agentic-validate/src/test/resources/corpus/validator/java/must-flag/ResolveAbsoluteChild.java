// expected finding: file-write-outside
import java.nio.file.*;
public class Main {
    public static void main(String[] args) throws Exception {
        Path base = Path.of("out");
        Files.writeString(base.resolve("/etc/passwd"), "x");
    }
}
