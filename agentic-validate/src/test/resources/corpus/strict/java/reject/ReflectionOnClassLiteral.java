// family: reflection without java.lang.reflect imports
// expected finding: reflection
public class ReflectionOnClassLiteral {
    public static void main(String[] args) throws Exception {
        Object rt = Runtime.class.getMethod("getRuntime").invoke(null);
        rt.getClass().getMethod("exec", String.class).invoke(rt, "id");
    }
}
