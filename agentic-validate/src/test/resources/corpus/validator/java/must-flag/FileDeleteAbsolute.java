// expected finding: file-write-outside
import java.io.File;
public class Main {
    public static void main(String[] args) {
        new File("/etc/passwd").delete();
    }
}
