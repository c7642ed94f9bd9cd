import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

public class WorkerThreads {
    public static void main(String[] args) throws InterruptedException {
        ConcurrentHashMap<Integer, Long> results = new ConcurrentHashMap<>();
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            final int worker = w;
            Thread t = new Thread(() -> {
                long sum = 0;
                for (int i = worker; i < 1_000_000; i += 4) {
                    sum += (long) i * i % 7;
                }
                results.put(worker, sum);
                total.addAndGet(sum);
                done.countDown();
            }, "worker-" + w);
            threads.add(t);
            t.start();
        }
        done.await();
        System.out.println(results + " total=" + total.get());
    }
}
