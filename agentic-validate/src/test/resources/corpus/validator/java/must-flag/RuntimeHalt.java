// expected finding: denied-call
public class Main {
    public static void main(String[] args) {
        Runtime.getRuntime().halt(0);
    }
}
