package dev.agentic.validate.internal.python;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.Validators;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python validator in a fresh JVM, so a test sees what a first load of tree-sitter does there. Each
 * line of output is one observation.
 */
final class NativeLoadProbe {
    private NativeLoadProbe() {}

    /** Starts a JVM with this test classpath and {@code jvmOptions} to run {@code mode}; returns its output lines. */
    static List<String> run(String mode, String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(NativeLoadProbe.class.getName(), mode));
        // Standard error apart: JDK 22+ warns there about tree-sitter's native access, which is not the probe's output.
        Path errors = Files.createTempFile("native-load-probe", ".err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the probe JVM did not finish");
        }
        List<String> lines =
                new ArrayList<>(new String(out, StandardCharsets.UTF_8).lines().toList());
        String stderr = Files.readString(errors);
        Files.delete(errors);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the probe JVM exited with " + p.exitValue() + ": " + lines + stderr);
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
            case "default" -> {
                Validators.python(ValidationPolicy.standard()).validate(Code.python("import os\nprint(os.getcwd())\n"));
                System.out.println("after default validation: direct reads checked="
                        + PyGrammar.shared().directReadsChecked());
                Validators.pythonBuilder().unsafeTreeCopy(true).build().validate(Code.python("print(1)\n"));
                System.out.println("after opted-in validation: direct reads checked="
                        + PyGrammar.shared().directReadsChecked());
            }
            case "by-language" -> {
                CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.standard())
                        .validate(Code.python("x = 1\n"));
                System.out.println("after validation by language: direct reads checked="
                        + PyGrammar.shared().directReadsChecked());
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
