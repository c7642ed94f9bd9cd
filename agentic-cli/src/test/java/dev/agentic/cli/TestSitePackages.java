package dev.agentic.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A site-packages directory holding the vendored test package, made offline with {@code pip install --target}. */
final class TestSitePackages {
    private TestSitePackages() {}

    /** A fresh directory under {@code target/python-envs} (enterable by the sandbox uid when tests run as root). */
    static Path create() throws IOException, InterruptedException {
        Path base = Files.createDirectories(Path.of("target", "python-envs")).toRealPath();
        Path site = base.resolve("site-" + System.nanoTime());
        Path wheel = Path.of("src", "test", "resources", "python-packages", "agentic_demo_pkg-1.0.0-py3-none-any.whl")
                .toRealPath();
        Process pip = new ProcessBuilder(List.of(
                        "/usr/bin/python3",
                        "-m",
                        "pip",
                        "install",
                        "--no-index",
                        "--disable-pip-version-check",
                        "--no-compile",
                        "--target",
                        site.toString(),
                        wheel.toString()))
                .redirectErrorStream(true)
                .start();
        String log = new String(pip.getInputStream().readAllBytes());
        if (!pip.waitFor(5, TimeUnit.MINUTES) || pip.exitValue() != 0) {
            throw new IllegalStateException("pip install --target failed: " + log);
        }
        return site;
    }
}
