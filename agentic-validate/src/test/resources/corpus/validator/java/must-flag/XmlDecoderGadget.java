import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;

public class XmlDecoderGadget {
    public static void main(String[] args) {
        try (XMLDecoder d = new XMLDecoder(new ByteArrayInputStream(args[0].getBytes()))) {
            System.out.println(d.readObject());
        }
    }
}
