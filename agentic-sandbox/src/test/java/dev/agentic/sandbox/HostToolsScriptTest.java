package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up script the build and {@code ./agentic demo} run (scripts/host-tools.sh), on simulated hosts: its PATH
 * holds only fake tools, so bubblewrap and python3 can be "missing" without touching this machine.
 */
class HostToolsScriptTest {
    private static final Path SCRIPT =
            Path.of("..", "scripts", "host-tools.sh").toAbsolutePath().normalize();

    @TempDir
    Path bin;

    private Path log;

    @BeforeEach
    void tools() throws IOException {
        log = bin.resolve("calls.log");
        Files.createSymbolicLink(bin.resolve("chmod"), Path.of("/bin/chmod"));
    }

    private void tool(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void uid(int uid) throws IOException {
        tool("id", "echo " + uid);
    }

    /** A package manager that logs its arguments and, on install, puts bwrap and python3 on the PATH. */
    private void packageManager(String name) throws IOException {
        tool(
                name,
                "echo \"" + name + " $*\" >> '" + log + "'\n"
                        + "if [ \"$1\" = install ]; then for t in bwrap python3; do printf '#!/bin/bash\\n' > '"
                        + bin + "'/$t; chmod +x '" + bin + "'/$t; done; fi");
    }

    private record Run(int exit, String stderr) {}

    private Run run() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", SCRIPT.toString());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("OSTYPE", "linux-gnu");
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), err);
    }

    private String calls() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void isASilentNoOpWhenBubblewrapAndPythonArePresent() throws Exception {
        tool("bwrap", "");
        tool("python3", "");
        uid(1000);
        packageManager("apt-get");

        Run r = run();

        assertThat(r.exit()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(calls()).isEmpty();
    }

    @Test
    void asRootWithAptGetInstallsWhatIsMissingAndSaysWhy() throws Exception {
        uid(0);
        packageManager("apt-get");

        Run r = run();

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("installing bubblewrap python3", "isolates every sandboxed run");
        assertThat(calls()).contains("apt-get update", "apt-get install -y -qq bubblewrap python3");
    }

    @Test
    void asRootWithDnfInstallsOnlyBubblewrapWhenPythonIsThere() throws Exception {
        uid(0);
        tool("python3", "");
        packageManager("dnf");

        Run r = run();

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(calls()).isEqualTo("dnf install -y -q bubblewrap\n");
    }

    @Test
    void withoutRootStopsWithTheOneCommandToRun() throws Exception {
        uid(1000);
        tool("python3", "");
        packageManager("apt-get");

        Run r = run();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("Run: sudo apt-get install -y bubblewrap");
        assertThat(calls()).isEmpty();
    }

    @Test
    void withoutAPackageManagerSaysWhatToInstall() throws Exception {
        uid(0);
        tool("python3", "");

        Run r = run();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("no apt-get or dnf", "install bubblewrap");
    }
}
