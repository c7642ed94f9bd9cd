// expected finding: denied-call
public class Main {
    static { System.loadLibrary("evil"); }
    public static void main(String[] args) {}
}
