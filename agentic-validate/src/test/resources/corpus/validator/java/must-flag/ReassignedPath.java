import java.nio.file.Files;
import java.nio.file.Path;

public class ReassignedPath {
    public static void main(String[] args) throws Exception {
        String target = "out/report.txt";
        if (args.length > 0) {
            target = "/etc/ld.so.preload";
        }
        Files.write(Path.of(target), "/tmp/evil.so\n".getBytes());
    }
}
