// family: script engines evaluate strings as code
// expected finding: denied-import
import javax.script.ScriptEngineManager;

public class ScriptEngineEval {
    public static void main(String[] args) throws Exception {
        new ScriptEngineManager().getEngineByName("js").eval("java.lang.Runtime.getRuntime().exec('id')");
    }
}
