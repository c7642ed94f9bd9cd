package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PythonEnvironments#importNames} reads top_level.txt, then RECORD, then the distribution's name. */
class PythonEnvironmentsImportNamesTest {
    @TempDir
    Path dir;

    @Test
    void topLevelTxtWins() throws IOException {
        dist(dir, "Pillow-10.0.0.dist-info", "top_level.txt", "PIL\n");

        assertThat(PythonEnvironments.importNames(dir)).containsExactly("PIL");
    }

    @Test
    void withoutTopLevelTxtTheRecordsModulesCount() throws IOException {
        dist(
                dir,
                "attrs-23.1.0.dist-info",
                "RECORD",
                "attr/__init__.py,sha256=x,1\nattr/_make.py,sha256=x,1\nattrs/__init__.py,sha256=x,1\n"
                        + "attrs-23.1.0.dist-info/METADATA,sha256=x,1\nsix.py,sha256=x,1\n"
                        + "_cffi_backend.cpython-311-x86_64-linux-gnu.so,sha256=x,1\n"
                        + "../../bin/tool,sha256=x,1\n__pycache__/six.cpython-311.pyc,,\n");

        assertThat(PythonEnvironments.importNames(dir)).containsExactly("attr", "attrs", "six");
    }

    @Test
    void withNeitherTheDistributionNameIsNormalised() throws IOException {
        dist(dir, "My.Fancy-Package-1.0.dist-info", "METADATA", "Name: My.Fancy-Package\n");

        assertThat(PythonEnvironments.importNames(dir))
                .containsExactly("my_fancy")
                .as("the dist-info name ends at the first dash: the version follows");
    }

    @Test
    void theInstallersAVirtualEnvironmentBringsAreLeftOut() throws IOException {
        Path site = Files.createDirectories(dir.resolve("lib/python3.11/site-packages"));
        Files.writeString(dir.resolve("pyvenv.cfg"), "home = /usr/bin\n");
        dist(site, "pip-23.0.1.dist-info", "top_level.txt", "pip\n");
        dist(site, "setuptools-66.1.1.dist-info", "top_level.txt", "_distutils_hack\npkg_resources\nsetuptools\n");
        dist(site, "requests-2.31.0.dist-info", "top_level.txt", "requests\n");

        assertThat(PythonEnvironments.importNames(dir)).containsExactly("requests");
    }

    @Test
    void aMissingDirectoryIsRefused() {
        assertThatThrownBy(() -> PythonEnvironments.importNames(dir.resolve("nope")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("agentic env create");
    }

    private static void dist(Path site, String info, String file, String content) throws IOException {
        Path d = Files.createDirectories(site.resolve(info));
        Files.writeString(d.resolve(file), content);
    }
}
