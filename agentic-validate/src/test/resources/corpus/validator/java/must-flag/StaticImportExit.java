import static java.lang.System.*;

public class StaticImportExit {
    public static void main(String[] args) {
        out.println("stopping the host");
        exit(0);
    }
}
