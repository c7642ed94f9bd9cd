package dev.agentic.validate.internal.python;

import dev.agentic.core.Code;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.Validators;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python validator in a fresh JVM, so a test sees what a first load of tree-sitter does there. Each
 * line of output is one observation.
 */
final class NativeLoadProbe {
    private NativeLoadProbe() {
    }

    /** Starts a JVM with this test classpath, {@code jvmOption} and {@code mode}; returns its output lines. */
    static List<String> run(String jvmOption, String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), jvmOption,
                NativeLoadProbe.class.getName(), mode).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the probe JVM did not finish");
        }
        List<String> lines = new ArrayList<>(new String(out, StandardCharsets.UTF_8).lines().toList());
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the probe JVM exited with " + p.exitValue() + ": " + lines);
        }
        return lines;
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "unsupported" -> {
                CodeValidator python = Validators.python(ValidationPolicy.standard());
                for (int i = 0; i < 2; i++) {
                    try {
                        python.validate(Code.python("print(" + i + ")\n"));
                        System.out.println("validated");
                    } catch (Throwable t) {
                        System.out.println(t.getClass().getName() + ": " + t.getMessage());
                    }
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
