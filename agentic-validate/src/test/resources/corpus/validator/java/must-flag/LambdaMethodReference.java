import java.util.function.Supplier;

public class LambdaMethodReference {
    public static void main(String[] args) throws Exception {
        Supplier<Runtime> runtime = Runtime::getRuntime;
        Runnable r = () -> {
            try {
                runtime.get().exec("touch /tmp/pwned");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        };
        r.run();
    }
}
