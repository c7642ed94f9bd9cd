// expected finding: too-many-threads
public class Main {
    static class Worker extends Thread {
        public void run() { System.out.println("w"); }
    }
    public static void main(String[] args) {
        for (int i = 0; i < 100; i++) {
            new Worker().start();
        }
    }
}
