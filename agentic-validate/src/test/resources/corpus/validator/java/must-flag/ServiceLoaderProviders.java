// expected finding: denied-import
import java.util.ServiceLoader;
public class Main {
    public static void main(String[] args) {
        for (Runnable r : ServiceLoader.load(Runnable.class)) {
            r.run();
        }
    }
}
