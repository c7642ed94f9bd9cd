import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;

public class Deserialization {
    public static void main(String[] args) throws Exception {
        byte[] data = Base64.getDecoder().decode(args[0]);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            System.out.println(in.readObject());
        }
    }
}
