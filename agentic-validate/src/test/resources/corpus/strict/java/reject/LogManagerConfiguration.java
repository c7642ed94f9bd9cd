// family: logging configuration that names classes to instantiate
// expected finding: reflection
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

public class LogManagerConfiguration {
    public static void main(String[] args) throws Exception {
        String cfg = "handlers=com.evil.Handler\nconfig=com.evil.Config\n";
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(cfg.getBytes(StandardCharsets.UTF_8)));
    }
}
