package dev.agentic.validate.internal.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.validate.ValidationPolicy;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.treesitter.TreeSitterPython;

/**
 * A platform where tree-sitter's native library cannot load gives a {@link ConfigurationException} naming the
 * platform and what to do, on the first validation and every later one.
 */
class PyGrammarLoaderTest {
    private static final String OS = System.getProperty("os.name");
    private static final String ARCH = System.getProperty("os.arch");

    @Test
    void missingNativeLibraryIsAConfigurationExceptionNamingThePlatformAndTheWayOut() {
        PyGrammar.Loader loader = new PyGrammar.Loader(() -> {
            throw new UnsatisfiedLinkError("no tree-sitter-python in java.library.path");
        });

        Throwable thrown = catchThrowable(loader::get);

        assertThat(thrown)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("os.name=" + OS)
                .hasMessageContaining("os.arch=" + ARCH)
                .hasMessageContaining("no tree-sitter-python in java.library.path")
                .hasMessageContaining("Java validator")
                .hasMessageContaining("Executor.builder().validator(")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void failedStaticInitialiserFailsEveryLaterCallTheSameWayWithoutLoadingAgain() {
        AtomicInteger loads = new AtomicInteger();
        PyGrammar.Loader loader = new PyGrammar.Loader(() -> {
            if (loads.incrementAndGet() == 1) {
                throw new ExceptionInInitializerError(new RuntimeException("Does not support arch: riscv64"));
            }
            // what the JVM answers once a class's static initialiser has failed
            throw new NoClassDefFoundError("Could not initialize class org.treesitter.TreeSitterPython");
        });

        Throwable first = catchThrowable(loader::get);
        Throwable second = catchThrowable(loader::get);

        assertThat(first)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("os.name=" + OS)
                .hasMessageContaining("os.arch=" + ARCH)
                .hasMessageContaining("ExceptionInInitializerError caused by java.lang.RuntimeException: "
                        + "Does not support arch: riscv64");
        assertThat(second)
                .isInstanceOf(ConfigurationException.class)
                .isNotSameAs(first)
                .hasMessage(first.getMessage())
                .hasCauseInstanceOf(ExceptionInInitializerError.class);
        assertThat(loads).hasValue(1);
    }

    @Test
    void validatorOnSuchAPlatformThrowsInsteadOfReportingAFinding() {
        PyGrammar.Loader loader = new PyGrammar.Loader(() -> {
            throw new UnsatisfiedLinkError("tree-sitter");
        });
        PythonCodeValidator validator = new PythonCodeValidator(ValidationPolicy.standard(), false, loader);

        assertThatThrownBy(() -> validator.validate(Code.python("print(1)\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("os.arch=" + ARCH);
        assertThatThrownBy(() -> validator.validate(Code.python("print(2)\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("os.arch=" + ARCH);
    }

    @Test
    void workingPlatformLoadsTheGrammarOnce() {
        AtomicInteger loads = new AtomicInteger();
        PyGrammar.Loader loader = new PyGrammar.Loader(() -> {
            loads.incrementAndGet();
            return new TreeSitterPython();
        });

        PyGrammar first = loader.get();

        assertThat(loader.get()).isSameAs(first);
        assertThat(loads).hasValue(1);
        assertThat(first.symbolNames).contains("identifier", "call");
        assertThat(new PythonCodeValidator(ValidationPolicy.standard(), false, loader)
                        .validate(Code.python("import subprocess\n"))
                        .valid())
                .isFalse();
    }

    /**
     * The real binding in a JVM that reports an architecture tree-sitter has no library for: its static
     * initialiser fails, and both validations say so with a ConfigurationException (not an
     * ExceptionInInitializerError, then a NoClassDefFoundError).
     */
    @Test
    void realBindingOnAnUnsupportedArchitectureFailsClearlyEveryTime() throws IOException, InterruptedException {
        List<String> lines = NativeLoadProbe.run("unsupported", "-Dos.arch=riscv64");

        assertThat(lines)
                .hasSize(2)
                .allSatisfy(line -> assertThat(line)
                        .startsWith(ConfigurationException.class.getName())
                        .contains(
                                "os.name=" + OS,
                                "os.arch=riscv64",
                                "Does not support arch: riscv64",
                                "Executor.builder().validator("));
    }
}
