public class ShadowedTypeElsewhere {
    static class Helper {
        static class Runtime {
        }

        int System = 0;
    }

    public static void main(String[] args) throws Exception {
        // Helper.Runtime and Helper.System are not in scope here: these are java.lang's
        Runtime.getRuntime().exec("id");
        System.exit(0);
    }
}
