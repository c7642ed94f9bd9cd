public class FullyQualifiedRuntime {
    public static void main(String[] args) throws Exception {
        java.lang.Runtime.getRuntime().exec("id");
    }
}
