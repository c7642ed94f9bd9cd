// family: processes
// expected finding: denied-call
public class RuntimeExecChained {
    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().exec(new String[] {"id"});
    }
}
