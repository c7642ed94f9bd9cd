package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.secret.Redactor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Single-file Java programs under the same isolation and limits (compiled inside the sandbox). */
class JavaProgramTest {

    private static ExecutionRequest.Builder java(String source) {
        return ExecutionRequest.builder()
                .code(Code.java(source))
                .limits(l -> l.wallTime(Duration.ofSeconds(30)).cpuTime(Duration.ofSeconds(20)));
    }

    @Test
    void javaIsOffered() {
        assertThat(Host.sandbox().capabilities().languages()).contains(Language.JAVA);
    }

    @Test
    void javaProgramRunsUnderTheMemoryLimitAndSeesItsSecret() {
        ExecutionResult r = Host.sandbox()
                .execute(java("public class Hello {\n"
                                + "  public static void main(String[] a) {\n"
                                + "    System.out.println(\"key=\" + System.getenv(\"API_KEY\") + \" uid=\" + System.getProperty(\"user.name\"));\n"
                                + "    System.out.println(\"host=\" + System.getenv(\"AGENTIC_HOST_CANARY\"));\n"
                                + "  }\n}")
                        .secret("API_KEY", "sk-java-secret-value")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout())
                .contains("key=" + Redactor.MASK)
                .contains("host=null")
                .doesNotContain("sk-java");
    }

    @Test
    void compileErrorIsFailedWithTheCompilerMessage() {
        ExecutionResult r = Host.sandbox()
                .execute(java("class Broken { void f() { int x = \"s\"; } }").build());

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stderr()).contains("error:").contains("incompatible types");
    }

    @Test
    void javaMemoryBombIsKilledForMemory() {
        ExecutionResult r = Host.sandbox()
                .execute(java("import java.util.*;\n"
                                + "class Bomb { public static void main(String[] a) { List<byte[]> l = new ArrayList<>();\n"
                                + "  while (true) { l.add(new byte[8 << 20]); } } }")
                        .build());

        assertThat(r).isInstanceOf(ExecutionResult.Killed.class);
        assertThat(((ExecutionResult.Killed) r).limit()).isEqualTo(Limit.MEMORY);
        assertThat(r.stderr()).contains("java.lang.OutOfMemoryError");
    }

    @Test
    void javaCannotReachTheHostNetworkOrFiles() {
        ExecutionResult r = Host.sandbox()
                .execute(java("import java.nio.file.*;\n"
                                + "class Probe { public static void main(String[] a) throws Exception {\n"
                                + "  System.out.println(Files.exists(Path.of(\"/root\")) + \" \" + Files.exists(Path.of(\"/etc/passwd\")));\n"
                                + "  try { new java.net.Socket(\"1.1.1.1\", 443); System.out.println(\"CONNECTED\"); }\n"
                                + "  catch (java.io.IOException e) { System.out.println(\"blocked \" + e.getMessage()); } } }")
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).startsWith("false false").contains("blocked").doesNotContain("CONNECTED");
    }
}
