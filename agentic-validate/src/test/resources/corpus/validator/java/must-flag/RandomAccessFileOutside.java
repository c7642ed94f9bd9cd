// expected finding: file-write-outside
import java.io.RandomAccessFile;
public class Main {
    public static void main(String[] args) throws Exception {
        try (var f = new RandomAccessFile("/etc/hosts", "rw")) {
            f.writeBytes("x");
        }
    }
}
