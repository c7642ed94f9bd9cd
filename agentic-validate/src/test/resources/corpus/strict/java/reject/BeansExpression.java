// family: java.beans — Expression calls a method named by a string
// expected finding: denied-import
import java.beans.Expression;

public class BeansExpression {
    public static void main(String[] args) throws Exception {
        Expression e = new Expression(Runtime.class, "getRuntime", new Object[0]);
        new Expression(e.getValue(), "exec", new Object[] {"id"}).getValue();
    }
}
