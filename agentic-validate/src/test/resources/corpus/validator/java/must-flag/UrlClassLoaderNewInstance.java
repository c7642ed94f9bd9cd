// expected finding: denied-type
import java.net.URL;
public class Main {
    public static void main(String[] args) throws Exception {
        var loader = java.net.URLClassLoader.newInstance(new URL[] {new URL("file:/tmp/x.jar")});
        System.out.println(loader);
    }
}
