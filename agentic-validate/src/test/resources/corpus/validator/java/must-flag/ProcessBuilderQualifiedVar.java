// expected finding: denied-type
import java.util.List;
public class Main {
    public static void main(String[] args) throws Exception {
        var pb = new java.lang.ProcessBuilder(List.of("id"));
        pb.inheritIO().start().waitFor();
    }
}
