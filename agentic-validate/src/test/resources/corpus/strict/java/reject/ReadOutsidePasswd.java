// family: files outside the working directory read
// expected finding: read-outside
import java.nio.file.Files;
import java.nio.file.Path;

public class ReadOutsidePasswd {
    public static void main(String[] args) throws Exception {
        System.out.println(Files.readString(Path.of("/etc/passwd")));
        System.out.println(Files.readAllLines(Path.of(System.getProperty("user.home"), ".aws", "credentials")));
    }
}
