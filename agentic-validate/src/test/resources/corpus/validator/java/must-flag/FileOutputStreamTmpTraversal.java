// expected finding: file-write-outside
import java.io.FileOutputStream;
public class Main {
    public static void main(String[] args) throws Exception {
        try (var out = new FileOutputStream("/tmp/../etc/x")) {
            out.write(1);
        }
    }
}
