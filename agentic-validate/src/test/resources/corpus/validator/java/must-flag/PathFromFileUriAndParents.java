// expected finding: file-write-outside
import java.io.File;
import java.net.URI;
import java.nio.file.*;
public class Main {
    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of("").toAbsolutePath().getParent().resolve("x"), "a");
        Files.writeString(Path.of("out", "..", "..", "y"), "b");
        Files.writeString(Paths.get(URI.create("file:///etc/z")), "c");
        new java.io.FileWriter(new File(new File("/etc"), "w")).close();
        Files.writeString(Path.of("out/a/../../../q"), "d");
        Files.writeString(Path.of("out").resolveSibling("../r"), "e");
    }
}
