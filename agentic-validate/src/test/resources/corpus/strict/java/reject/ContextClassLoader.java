// family: class loaders reached through the current thread
// expected finding: denied-call
public class ContextClassLoader {
    public static void main(String[] args) throws Exception {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        System.out.println(l.loadClass("javax.script.ScriptEngineManager"));
    }
}
