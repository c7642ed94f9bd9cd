// expected finding: reflection
public class Main {
    public static void main(String[] args) throws Exception {
        Class<?> k = Class.forName("sun.misc." + "Unsafe");
        var f = k.getDeclaredField("theUnsafe");
        f.setAccessible(true);
    }
}
