// expected finding: denied-call
import java.util.function.Supplier;
public class Main {
    public static void main(String[] args) throws Exception {
        Supplier<Runtime> s = Runtime::getRuntime;
        s.get().exec("id");
    }
}
