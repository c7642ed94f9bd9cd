// family: JNI
// expected finding: native-method
public class JniLoadLibrary {
    static {
        System.loadLibrary("evil");
    }

    static native void run();

    public static void main(String[] args) {
        run();
    }
}
