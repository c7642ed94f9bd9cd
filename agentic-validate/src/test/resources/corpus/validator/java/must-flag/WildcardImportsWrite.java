import java.io.*;
import java.nio.file.*;

public class WildcardImportsWrite {
    public static void main(String[] args) throws Exception {
        Files.writeString(Paths.get("/etc/cron.d/job"), "* * * * * root id\n");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(new byte[0]))) {
            System.out.println(in.readObject());
        }
    }
}
