// expected finding: too-many-threads
import java.util.concurrent.ForkJoinPool;
public class Main {
    public static void main(String[] args) {
        var pool = new ForkJoinPool(512);
        pool.shutdown();
    }
}
