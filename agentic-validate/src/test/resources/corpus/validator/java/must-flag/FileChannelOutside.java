// expected finding: file-write-outside
import java.nio.channels.FileChannel;
import java.nio.file.*;
public class Main {
    public static void main(String[] args) throws Exception {
        FileChannel.open(Path.of("/etc/x"), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
    }
}
