// family: java.beans — Statement through a wildcard import
// expected finding: denied-import
import java.beans.*;

public class BeansStatementWildcard {
    public static void main(String[] args) throws Exception {
        new Statement(System.class, "exit", new Object[] {3}).execute();
    }
}
