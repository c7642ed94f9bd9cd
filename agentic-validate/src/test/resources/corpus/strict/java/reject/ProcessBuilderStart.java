// family: processes
// expected finding: denied-type
public class ProcessBuilderStart {
    public static void main(String[] args) throws Exception {
        new ProcessBuilder("sh", "-c", "id").inheritIO().start().waitFor();
    }
}
