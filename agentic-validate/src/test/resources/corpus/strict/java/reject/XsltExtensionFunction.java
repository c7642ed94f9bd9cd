// family: XSLT extension functions — a stylesheet calls Java methods named in its text
// expected finding: denied-import
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

public class XsltExtensionFunction {
    public static void main(String[] args) throws Exception {
        String xsl = "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' "
                + "xmlns:rt='http://xml.apache.org/xalan/java/java.lang.Runtime'>"
                + "<xsl:template match='/'><xsl:value-of select=\"rt:exec(rt:getRuntime(),'id')\"/></xsl:template>"
                + "</xsl:stylesheet>";
        TransformerFactory.newInstance()
                .newTransformer(new StreamSource(new StringReader(xsl)))
                .transform(new StreamSource(new StringReader("<a/>")), new StreamResult(new StringWriter()));
    }
}
