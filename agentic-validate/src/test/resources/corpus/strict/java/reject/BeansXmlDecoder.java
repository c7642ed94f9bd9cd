// family: java.beans — XMLDecoder instantiates the classes and calls the methods its input names
// expected finding: denied-import
import java.beans.XMLDecoder;
import java.io.FileInputStream;

public class BeansXmlDecoder {
    public static void main(String[] args) throws Exception {
        try (XMLDecoder d = new XMLDecoder(new FileInputStream("payload.xml"))) {
            System.out.println(d.readObject());
        }
    }
}
