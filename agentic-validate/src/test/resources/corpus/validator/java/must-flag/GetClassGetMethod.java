public class GetClassGetMethod {
    public static void main(String[] args) throws Exception {
        Object rt = Thread.currentThread();
        var m = rt.getClass().getMethod("getContextClassLoader");
        System.out.println(m.invoke(rt));
    }
}
