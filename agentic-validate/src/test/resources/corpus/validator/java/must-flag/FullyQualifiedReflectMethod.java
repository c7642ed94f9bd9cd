// expected finding: reflection
public class Main {
    public static void main(String[] args) throws Exception {
        java.lang.reflect.Method m = String.class.getMethod("length");
        System.out.println(m.invoke("abc"));
    }
}
