import java.lang.reflect.*;

public class WildcardReflection {
    public static void main(String[] args) throws Exception {
        Object o = String.class.getConstructor(String.class).newInstance("x");
        System.out.println(o);
    }
}
