public class AttachToJvm {
    public static void main(String[] args) throws Exception {
        var vm = com.sun.tools.attach.VirtualMachine.attach(args[0]);
        vm.loadAgent("/tmp/agent.jar");
    }
}
