// family: deserialisation
// expected finding: denied-import
import java.io.FileInputStream;
import java.io.ObjectInputStream;

public class ObjectStreamRead {
    public static void main(String[] args) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new FileInputStream("data.bin"))) {
            System.out.println(in.readObject());
        }
    }
}
