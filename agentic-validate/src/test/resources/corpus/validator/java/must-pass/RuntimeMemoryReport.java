import java.time.Duration;
import java.time.Instant;
public class Main {
    private static final Runtime RUNTIME = Runtime.getRuntime();
    public static void main(String[] args) {
        Instant start = Instant.now();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        System.out.printf("used %d MB of %d MB on %d cpus (%d), java %s, %s%n", used >> 20, rt.maxMemory() >> 20,
                rt.availableProcessors(), RUNTIME.availableProcessors(), Runtime.version(),
                Duration.between(start, Instant.now()));
    }
}
