// expected finding: denied-call
import static java.lang.Runtime.getRuntime;
public class Main {
    public static void main(String[] args) throws Exception {
        getRuntime().exec("id");
    }
}
