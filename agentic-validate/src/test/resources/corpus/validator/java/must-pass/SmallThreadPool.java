import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

public class SmallThreadPool {
    public static void main(String[] args) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, 8));
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            List<CompletableFuture<Integer>> jobs = List.of(1, 2, 3, 4, 5).stream()
                    .map(n -> CompletableFuture.supplyAsync(() -> n * n, pool))
                    .collect(Collectors.toList());
            int total = jobs.stream().map(CompletableFuture::join).mapToInt(Integer::intValue).sum();
            single.submit(() -> System.out.println("total " + total)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
            single.shutdown();
        }
        System.out.println("cores " + Runtime.getRuntime().availableProcessors());
    }
}
