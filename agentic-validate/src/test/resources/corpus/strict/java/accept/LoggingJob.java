import java.io.IOException;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

public class LoggingJob {
    private static final Logger LOG = Logger.getLogger("job");

    public static void main(String[] args) throws IOException {
        LOG.setUseParentHandlers(false);
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        LOG.addHandler(console);
        FileHandler file = new FileHandler("job.log");
        file.setFormatter(new SimpleFormatter());
        LOG.addHandler(file);
        LOG.setLevel(Level.FINE);
        for (String step : new String[] {"load", "transform", "store"}) {
            LOG.info(() -> "step " + step + " at " + Instant.now());
        }
        LOG.warning("finished with 0 errors");
    }
}
