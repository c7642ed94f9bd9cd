// expected finding: reflection
public class Main {
    public static void main(String[] args) throws Throwable {
        var lookup = java.lang.invoke.MethodHandles.lookup();
        System.out.println(lookup);
    }
}
