// expected finding: too-many-threads
public class Main {
    static void ping() {
        new Thread(Main::pong).start();
    }
    static void pong() {
        ping();
    }
    public static void main(String[] args) {
        ping();
    }
}
