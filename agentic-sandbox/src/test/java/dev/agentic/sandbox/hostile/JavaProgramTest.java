package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.secret.Redactor;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-file Java programs under the same isolation and limits (compiled inside the sandbox), with the JDK
 * that runs these tests: run the suite under each supported JDK.
 */
class JavaProgramTest {
    private static final String USES_THE_LIBRARY = "import java.util.*; import java.util.stream.*;\n"
            + "import java.util.concurrent.*;\n"
            + "class Work { public static void main(String[] a) throws Exception {\n"
            + "  ExecutorService ex = Executors.newFixedThreadPool(4);\n"
            + "  List<Future<Integer>> fs = new ArrayList<>();\n"
            + "  for (int i = 0; i < 4; i++) { int k = i; fs.add(ex.submit(() -> IntStream.range(0, 1000).map(x -> x * k).sum())); }\n"
            + "  long s = 0; for (Future<Integer> f : fs) { s += f.get(); } ex.shutdown();\n"
            + "  System.out.println(\"sum=\" + s + \" \" + Stream.of(\"a\", \"b\").map(String::toUpperCase).collect(Collectors.joining(\",\")));\n"
            + "} }";

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
    void javaRunsAtTheDefaultLimitsAndTheNotesSayHowMemoryIsLimited() {
        ExecutionResult r = Host.sandbox()
                .execute(ExecutionRequest.builder()
                        .code(Code.java(USES_THE_LIBRARY))
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("sum=2997000 A,B");
        assertThat(r.output().notes())
                .anySatisfy(
                        n -> assertThat(n).startsWith("rlimits per process").contains("RLIMIT_DATA " + (512L << 20)));
    }

    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(longs = {96, 128, 256, 512})
    void javaRunsAtAnyReasonableMemoryLimit(long mib) {
        ExecutionResult r = Host.sandbox()
                .execute(java(USES_THE_LIBRARY)
                        .limits(l -> l.memoryBytes(mib << 20))
                        .build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("sum=2997000 A,B");
    }

    @Test
    void memoryLimitBelowTheMinimumIsRefusedNamingTheMinimum() {
        ExecutionRequest tiny = java("class T { public static void main(String[] a) {} }")
                .limits(l -> l.memoryBytes(12 * 1024))
                .build();

        assertThatThrownBy(() -> Host.sandbox().execute(tiny))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("96 MiB")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).missing())
                        .containsExactly(SandboxCapability.MEMORY_LIMIT));
    }

    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(longs = {128, 512})
    void javaAllocatingPastItsHeapFailsWithTheJvmMessageAndAMemoryNote(long mib) {
        ExecutionResult r = Host.sandbox()
                .execute(java("import java.util.*;\n"
                                + "class Hog { public static void main(String[] a) { List<long[]> l = new ArrayList<>();\n"
                                + "  while (true) { l.add(new long[1 << 17]); } } }")
                        .limits(l -> l.memoryBytes(mib << 20))
                        .build());

        // the heap limit is the JVM's own, inside the sandbox: no counter the program cannot forge shows it
        assertThat(r).as(r.describe()).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.output().notes()).anyMatch(n -> n.startsWith("memory: the program's stderr reports"));
        assertThat(r.stderr()).contains("java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void compileErrorIsFailedWithTheCompilerMessage() {
        ExecutionResult r = Host.sandbox()
                .execute(java("class Broken { void f() { int x = \"s\"; } }").build());

        assertThat(r).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(r.stderr()).contains("error:").contains("incompatible types");
    }

    @Test
    void javaMemoryBombEndsWithTheJvmsOutOfMemoryError() {
        ExecutionResult r = Host.sandbox()
                .execute(java("import java.util.*;\n"
                                + "class Bomb { public static void main(String[] a) { List<byte[]> l = new ArrayList<>();\n"
                                + "  while (true) { l.add(new byte[8 << 20]); } } }")
                        .build());

        assertThat(r.succeeded()).isFalse();
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
