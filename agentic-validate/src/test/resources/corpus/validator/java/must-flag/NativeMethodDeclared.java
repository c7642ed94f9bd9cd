// expected finding: native-method
public class Main {
    private static native int evil();
    public static void main(String[] args) {}
}
