import java.util.ArrayList;
import java.util.List;
public class Main {
    private final List<Thread> workers = new ArrayList<>();
    private void startWorker(int id) {
        Thread t = new Thread(() -> System.out.println("worker " + id));
        workers.add(t);
        t.start();
    }
    void run() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            startWorker(i);
        }
        for (Thread t : workers) {
            t.join();
        }
    }
    public static void main(String[] args) throws InterruptedException {
        new Main().run();
    }
}
