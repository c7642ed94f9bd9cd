// family: Unsafe
// expected finding: denied-import
import sun.misc.Unsafe;

public class UnsafeMemory {
    public static void main(String[] args) {
        Unsafe u = null;
        System.out.println(u);
    }
}
