public class AnonymousClassLoader {
    public static void main(String[] args) throws Exception {
        byte[] bytes = java.util.Base64.getDecoder().decode(args[0]);
        Object loader = new Object() {
            Class<?> load() {
                return new ClassLoader() {
                    Class<?> define() {
                        return defineClass(null, bytes, 0, bytes.length);
                    }
                }.define();
            }
        };
        System.out.println(loader);
    }
}
