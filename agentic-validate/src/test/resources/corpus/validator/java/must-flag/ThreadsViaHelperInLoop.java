// expected finding: too-many-threads
public class Main {
    static void startWorker(int id) {
        new Thread(() -> System.out.println("worker " + id)).start();
    }
    public static void main(String[] args) {
        for (int i = 0; i < 100; i++) {
            startWorker(i);
        }
    }
}
