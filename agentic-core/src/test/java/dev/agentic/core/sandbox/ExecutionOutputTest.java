package dev.agentic.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionOutputTest {

    @Test
    void builderDefaultsToEmptyOutputWithNothingAbsentAsNull() {
        ExecutionOutput o = ExecutionOutput.builder().build();

        assertThat(o.stdout()).isEmpty();
        assertThat(o.stderr()).isEmpty();
        assertThat(o.duration()).isZero();
        assertThat(o.files()).isEmpty();
        assertThat(o.network()).isEmpty();
        assertThat(o.notes()).isEmpty();
        assertThat(o.value()).isEmpty();
        assertThat(o.stdoutTruncated()).isFalse();
    }

    @Test
    void toBuilderCopiesEveryFieldAndEqualityCoversThem() {
        ExecutionOutput o = ExecutionOutput.builder()
                .stdout("out")
                .stderr("err")
                .stdoutTruncated(true)
                .stderrTruncated(true)
                .duration(Duration.ofMillis(7))
                .file(new OutputFile("a.txt", new byte[] {1}))
                .networkDecision(new NetworkDecision(Instant.EPOCH, "h", 443, true, "allowlisted"))
                .note("n")
                .value("42")
                .build();

        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o.toBuilder().value("43").build()).isNotEqualTo(o);
        assertThat(o.value()).contains("42");
        assertThat(o.toString()).contains("stdout=out (truncated)", "value=42");
    }

    @Test
    void ofIsStdoutStderrAndDurationOnly() {
        assertThat(ExecutionOutput.of("a", "b", Duration.ofSeconds(1)))
                .isEqualTo(ExecutionOutput.builder()
                        .stdout("a")
                        .stderr("b")
                        .duration(Duration.ofSeconds(1))
                        .build());
    }

    @Test
    void listsAreCopiedSoTheBuilderCannotChangeABuiltOutput() {
        ExecutionOutput.Builder b = ExecutionOutput.builder().note("first");
        ExecutionOutput o = b.build();
        b.note("second");

        assertThat(o.notes()).containsExactly("first");
        assertThatThrownBy(() -> o.notes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void negativeDurationIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ExecutionOutput.builder()
                        .duration(Duration.ofMillis(-1))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("duration");
    }

    @Test
    void redactionMasksTheValueToo() {
        ExecutionOutput o = ExecutionOutput.builder()
                .stdout("key sk-123456")
                .value("'sk-123456'")
                .notes(List.of("saw sk-123456"))
                .build();

        ExecutionOutput r = o.redact(Redactor.of(List.of("sk-123456")));

        assertThat(r.stdout()).doesNotContain("sk-123456");
        assertThat(r.value()).hasValueSatisfying(v -> assertThat(v).doesNotContain("sk-123456"));
        assertThat(r.notes().get(0)).doesNotContain("sk-123456");
    }

    @Test
    void textOutputFilesAreMaskedInTheirContentAndTheNotesNameThem() {
        ExecutionOutput o = ExecutionOutput.builder()
                .files(List.of(
                        new OutputFile("out.txt", "key=sk-file-secret\n".getBytes(StandardCharsets.UTF_8)),
                        new OutputFile("clean.csv", "a,b\n".getBytes(StandardCharsets.UTF_8))))
                .build();

        ExecutionOutput r = o.redact(Redactor.of(List.of("sk-file-secret")));

        assertThat(r.files()).hasSize(2);
        assertThat(new String(r.files().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("key=" + Redactor.MASK + "\n");
        assertThat(r.files().get(1)).isEqualTo(o.files().get(1));
        assertThat(r.notes()).containsExactly("output out.txt: secret values masked in its content");
    }

    @Test
    void binaryOutputFileHoldingASecretIsWithheldAndTheNotesSaySo() {
        byte[] secret = "sk-file-secret".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[secret.length + 4];
        binary[0] = (byte) 0xFF;
        binary[1] = (byte) 0xC3;
        System.arraycopy(secret, 0, binary, 2, secret.length);
        ExecutionOutput o = ExecutionOutput.builder()
                .files(List.of(
                        new OutputFile("blob.bin", binary), new OutputFile("other.bin", new byte[] {(byte) 0xFF, 1})))
                .build();

        ExecutionOutput r = o.redact(Redactor.of(List.of("sk-file-secret")));

        assertThat(r.files()).extracting(OutputFile::path).containsExactly("other.bin");
        assertThat(r.notes()).containsExactly("output blob.bin withheld: binary content holding a secret value");
    }

    @Test
    void streamCutAtTheCapLosesTheSecretsBeginningAtItsEnd() {
        ExecutionOutput o = ExecutionOutput.builder()
                .stdout("token sk-file-se")
                .stdoutTruncated(true)
                .build();

        assertThat(o.redact(Redactor.of(List.of("sk-file-secret"))).stdout()).isEqualTo("token " + Redactor.MASK);
    }
}
