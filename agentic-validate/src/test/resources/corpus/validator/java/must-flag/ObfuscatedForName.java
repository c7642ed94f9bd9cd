public class ObfuscatedForName {
    private static final String PKG = "java.lang.";

    public static void main(String[] args) throws Exception {
        String name = PKG + "Run" + "time";
        Class<?> type = Class.forName(name);
        System.out.println(type);
    }
}
