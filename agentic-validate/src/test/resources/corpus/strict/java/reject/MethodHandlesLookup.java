// family: method handles
// expected finding: reflection
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

public class MethodHandlesLookup {
    public static void main(String[] args) throws Throwable {
        var mh = MethodHandles.lookup().findStatic(System.class, "exit", MethodType.methodType(void.class, int.class));
        mh.invoke(2);
    }
}
