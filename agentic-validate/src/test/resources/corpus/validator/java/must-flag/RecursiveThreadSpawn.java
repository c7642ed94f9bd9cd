public class RecursiveThreadSpawn {
    static void spawn() {
        new Thread(RecursiveThreadSpawn::spawn).start();
        new Thread(RecursiveThreadSpawn::spawn).start();
    }

    public static void main(String[] args) {
        spawn();
    }
}
