// expected finding: file-write-outside
import java.io.*;
public class Main {
    public static void main(String[] args) throws Exception {
        File f = new File("/etc", "cron.d/job");
        try (var w = new PrintWriter(new FileWriter(f))) {
            w.println("x");
        }
    }
}
