import java.nio.file.Files;
import java.nio.file.Path;

public class ParentPathDelete {
    public static void main(String[] args) throws Exception {
        Path work = Path.of("data");
        Files.deleteIfExists(work.resolve("../../home/user/.ssh/authorized_keys"));
    }
}
