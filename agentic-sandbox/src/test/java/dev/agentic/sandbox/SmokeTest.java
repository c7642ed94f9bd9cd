package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void helloWorld() {
        try (LocalSandbox s = LocalSandbox.builder().build()) {
            long t = System.nanoTime();
            ExecutionResult r = s.execute(ExecutionRequest.builder().code(Code.python(
                    "import os\nprint('hi', os.environ.get('K'), os.getuid())\nopen('out.txt','w').write('x')\n"
                    + "print(open('/proc/1/environ').read())\nprint(open('/proc/1/cmdline').read().replace(chr(0),' '))"))
                    .secret("K", "s3cr3tvalue").outputGlob("*.txt").build());
            System.out.println((System.nanoTime() - t) / 1e6 + " ms " + r);
            System.out.println(r.stdout() + "\nERR " + r.stderr() + "\n" + r.output().files() + r.output().notes());
            ExecutionResult j = s.execute(ExecutionRequest.of(Code.java(
                    "class A { public static void main(String[] a) { System.out.println(\"java ok\"); } }")));
            System.out.println(j + j.stdout() + j.stderr());
            assertThat(r.succeeded()).isTrue();
        }
    }
}
