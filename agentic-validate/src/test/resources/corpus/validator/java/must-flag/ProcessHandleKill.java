public class ProcessHandleKill {
    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);
    }
}
