// expected finding: file-write-outside
import java.nio.file.*;
public class Main {
    public static void main(String[] args) throws Exception {
        Files.createDirectories(Path.of("/opt/evil"));
        Files.createSymbolicLink(Path.of("out/link"), Path.of("/etc/shadow"));
    }
}
