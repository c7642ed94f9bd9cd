public class RuntimeViaVariable {
    public static void main(String[] args) throws Exception {
        var r = Runtime.getRuntime();
        r.exec(new String[] {"sh", "-c", "id"});
    }
}
