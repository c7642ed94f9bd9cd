import javax.script.ScriptEngineManager;

public class ScriptEngineEval {
    public static void main(String[] args) throws Exception {
        var engine = new ScriptEngineManager().getEngineByName("js");
        System.out.println(engine.eval(args[0]));
    }
}
