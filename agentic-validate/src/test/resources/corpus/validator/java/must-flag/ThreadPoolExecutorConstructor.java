// expected finding: too-many-threads
import java.util.concurrent.*;
public class Main {
    public static void main(String[] args) {
        var ex = new ThreadPoolExecutor(500, 500, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ex.shutdown();
    }
}
