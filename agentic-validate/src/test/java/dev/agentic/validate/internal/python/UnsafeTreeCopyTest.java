package dev.agentic.validate.internal.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.PythonValidatorProvider;
import dev.agentic.validate.Validators;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The unsafe tree copy is opt-in: off unless asked for by the builder or the system property, and when on it
 * reaches the same verdicts as the default JNI walk.
 */
class UnsafeTreeCopyTest {

    @Test
    void validatorsCopyWithTheJniWalkUnlessAskedOtherwise() {
        assertThat(Validators.python(ValidationPolicy.standard())).asString().doesNotContain("unsafeTreeCopy");
        assertThat(Validators.pythonBuilder().build()).asString().doesNotContain("unsafeTreeCopy");
        assertThat(Validators.pythonBuilder().unsafeTreeCopy(true).build())
                .asString()
                .contains("unsafeTreeCopy");
    }

    @Test
    void systemPropertyTurnsItOnForValidatorsBuiltWithoutAnExplicitChoice() {
        String before = System.getProperty(Validators.UNSAFE_TREE_COPY_PROPERTY);
        System.setProperty(Validators.UNSAFE_TREE_COPY_PROPERTY, "true");
        try {
            assertThat(Validators.python(ValidationPolicy.standard()))
                    .asString()
                    .contains("unsafeTreeCopy");
            assertThat(new PythonValidatorProvider().create(Language.PYTHON, ValidationPolicy.standard()))
                    .asString()
                    .contains("unsafeTreeCopy");
            assertThat(Validators.pythonBuilder().unsafeTreeCopy(false).build())
                    .asString()
                    .doesNotContain("unsafeTreeCopy");
        } finally {
            if (before == null) {
                System.clearProperty(Validators.UNSAFE_TREE_COPY_PROPERTY);
            } else {
                System.setProperty(Validators.UNSAFE_TREE_COPY_PROPERTY, before);
            }
        }
    }

    @Test
    void bothCopiesGiveTheSameFindingsOnEveryCorpusProgram() throws IOException, URISyntaxException {
        CodeValidator jni = Validators.python(ValidationPolicy.standard());
        CodeValidator unsafe = Validators.pythonBuilder().unsafeTreeCopy(true).build();
        Path corpus = Path.of(
                UnsafeTreeCopyTest.class.getResource("/corpus/validator/python").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            String source = Files.readString(file);
            Code code = Code.python(source);
            NetworkPolicy network = PythonCorpusTest.networkFor(source);
            assertThat(unsafe.validate(code, network).findings())
                    .as(file.toString())
                    .isEqualTo(jni.validate(code, network).findings());
        }
    }

    @Test
    void defaultValidatorNeverStartsTheUnsafeCopyInAFreshJvm() throws IOException, InterruptedException {
        assertThat(NativeLoadProbe.run("default"))
                .containsExactly(
                        "after default validation: direct reads checked=false",
                        "after opted-in validation: direct reads checked=true");
    }

    @Test
    void systemPropertyReachesTheValidatorFoundByLanguage() throws IOException, InterruptedException {
        assertThat(NativeLoadProbe.run("by-language", "-D" + Validators.UNSAFE_TREE_COPY_PROPERTY + "=true"))
                .containsExactly("after validation by language: direct reads checked=true");
    }
}
