public class ThreadBomb {
    public static void main(String[] args) {
        while (true) {
            new Thread(() -> {
                while (true) {
                    Math.sqrt(Math.random());
                }
            }).start();
        }
    }
}
