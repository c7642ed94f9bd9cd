// expected finding: reflection
public class Main {
    private static final String TARGET = "java.lang.Runtime";
    public static void main(String[] args) throws Exception {
        Object c = Class.forName(TARGET);
        System.out.println(c);
    }
}
