public class JdkInternalUnsafe {
    public static void main(String[] args) {
        long address = jdk.internal.misc.Unsafe.getUnsafe().allocateMemory(1L << 40);
        System.out.println(address);
    }
}
