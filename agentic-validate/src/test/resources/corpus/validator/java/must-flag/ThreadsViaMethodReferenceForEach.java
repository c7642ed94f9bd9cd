// expected finding: too-many-threads
import java.util.stream.IntStream;
public class Main {
    void spawn(int i) {
        new Thread(() -> System.out.println(i)).start();
    }
    void run() {
        IntStream.range(0, 64).forEach(this::spawn);
    }
    public static void main(String[] args) {
        new Main().run();
    }
}
