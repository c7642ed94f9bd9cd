import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class ThreadPoolTooLarge {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(256);
        for (int i = 0; i < 1000; i++) {
            pool.submit(() -> System.out.println(Thread.currentThread().getName()));
        }
        pool.shutdown();
    }
}
