// expected finding: denied-call
public class Main {
    private static final Runtime RT = Runtime.getRuntime();
    static void use(Runtime r) {
        System.out.println(r);
    }
    public static void main(String[] args) {
        System.out.println(RT.availableProcessors());
        use(RT);
    }
}
