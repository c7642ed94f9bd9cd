// expected finding: denied-call
public class Main {
    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(ProcessHandle::destroy);
    }
}
