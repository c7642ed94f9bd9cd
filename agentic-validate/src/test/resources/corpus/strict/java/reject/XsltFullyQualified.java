// family: XSLT extension functions without an import
// expected finding: denied-import
public class XsltFullyQualified {
    public static void main(String[] args) throws Exception {
        var factory = javax.xml.transform.TransformerFactory.newInstance();
        System.out.println(factory);
    }
}
