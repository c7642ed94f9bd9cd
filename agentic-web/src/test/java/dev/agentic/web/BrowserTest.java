package dev.agentic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by
 * Selenium, against the server with a scripted model and the real bubblewrap sandbox with sessions. Saves a
 * screenshot of each tab under {@code target/screenshots}.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static LocalSandbox sandbox;

    /** Writes chart.png (bars of the first eight squares) with zlib and struct only. */
    private static final String CHART = String.join(
            "\n",
            "import struct, zlib",
            "values = [n * n for n in range(1, 9)]",
            "width, height, bar = 320, 160, 40",
            "rows = []",
            "for y in range(height):",
            "    row = bytearray([0])",
            "    for x in range(width):",
            "        filled = height - y <= values[x // bar] * (height - 10) // 64 and x % bar > 4",
            "        row += bytes((35, 47, 62) if filled else (246, 247, 249))",
            "    rows.append(bytes(row))",
            "def chunk(kind, data):",
            "    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))",
            "png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))",
            "png += chunk(b'IDAT', zlib.compress(b''.join(rows))) + chunk(b'IEND', b'')",
            "open('chart.png', 'wb').write(png)",
            "print('wrote chart.png')");

    @BeforeAll
    static void sandbox() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("CI") != null && !installed) {
            throw new AssertionError(
                    "CI needs chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(installed, "no headless Chromium here: apt-get install -y chromium chromium-driver");
        sandbox = LocalSandbox.builder().build();
    }

    @AfterAll
    static void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String answer(String words, String code) {
        return words + "\n\n```python\n" + code + "\n```\n";
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @Test
    void aPersonGeneratesEditsRunsAndFollowsUpInTheBrowser(@TempDir Path unused) throws Exception {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .id("scripted-offline")
                .chunkSize(12)
                .answer(answer(
                        "The squares go in a list named squares.",
                        "squares = [n * n for n in range(1, 11)]\nprint(\"squares:\", squares)"))
                .answer(answer("The list is still there in this session.", "print(\"sum:\", sum(squares))"))
                .answer(answer("A chart of the squares, as a PNG image.", CHART))
                .build();
        Files.createDirectories(SHOTS);
        Path profile = Files.createDirectories(Path.of("target", "chromium-profile-" + System.nanoTime()));
        try (WebApp app = WebApp.builder()
                .model(model)
                .modelNotice("Scripted offline model: its answers are prepared, not written by a language model.")
                .sandbox(sandbox)
                .start()) {
            WebDriver driver = chromium(profile);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
                driver.get(app.accessUrl().toString());
                wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
                assertThat(driver.getCurrentUrl()).doesNotContain("token=");
                assertThat(driver.findElement(By.id("model-notice")).getText()).contains("Scripted offline model");
                assertThat(driver.findElement(By.id("state-notice")).getText()).contains("persists");
                assertThat(app.openSessions()).isEqualTo(1);

                driver.findElement(By.id("task"))
                        .sendKeys("Compute the first ten square numbers and keep them in a list");
                driver.findElement(By.id("generate")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gen-status"), "SUCCEEDED"));
                assertThat(driver.findElement(By.id("stream")).getText()).contains("squares = [n * n");
                assertThat(driver.findElement(By.id("events")).getText())
                        .contains("validation passed")
                        .contains("run SUCCEEDED");
                screenshot(driver, "generator");

                driver.findElement(By.id("tab-editor")).click();
                assertThat(editorText(driver)).contains("squares = [n * n for n in range(1, 11)]");
                // edit the second line: select it in the editor and type its replacement
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "const cm = document.querySelector('.CodeMirror').CodeMirror;"
                                        + "cm.focus(); cm.setSelection({line: 1, ch: 0}, {line: 1, ch: cm.getLine(1).length});");
                driver.findElement(By.cssSelector(".CodeMirror textarea"))
                        .sendKeys("print(\"largest:\", max(squares))");
                assertThat(editorText(driver)).contains("print(\"largest:\", max(squares))");
                screenshot(driver, "editor");
                driver.findElement(By.id("run")).click();

                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-results")));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stdout"), "largest: 100"));
                assertThat(driver.findElement(By.id("result-status")).getText()).contains("SUCCEEDED");
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history li"), 2));
                screenshot(driver, "results-run");

                driver.findElement(By.id("tab-generator")).click();
                WebElement task = driver.findElement(By.id("task"));
                task.clear();
                task.sendKeys("Now print the sum of those squares");
                driver.findElement(By.id("generate")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "task succeeded (#3)"));
                driver.findElement(By.id("tab-results")).click();
                assertThat(driver.findElement(By.id("stdout")).getText()).isEqualTo("sum: 385");
                assertThat(model.lastRequest().lastUserText())
                        .contains("Compute the first ten square numbers")
                        .contains("same interpreter session");
                screenshot(driver, "follow-up");

                // a task that leaves an image: shown inline in the Results tab, served under the CSP
                driver.findElement(By.id("tab-generator")).click();
                task = driver.findElement(By.id("task"));
                task.clear();
                task.sendKeys("Draw a bar chart of the squares as a PNG file");
                driver.findElement(By.id("generate")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "task succeeded (#4)"));
                driver.findElement(By.id("tab-results")).click();
                WebElement image =
                        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#images img")));
                wait.until(d ->
                        ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth;", image))
                                        .intValue()
                                == 320);
                assertThat(driver.findElement(By.id("files")).getText()).contains("chart.png");
                screenshot(driver, "results");

                // the history re-opens an earlier entry: its code in the editor, its output in Results
                driver.findElement(By.cssSelector("#history button[data-entry='1']"))
                        .click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stdout"), "squares: [1, 4, 9"));
                assertThat(editorText(driver)).contains("print(\"squares:\", squares)");

                // Validate shows a finding inline, at its line
                driver.findElement(By.id("tab-editor")).click();
                ((JavascriptExecutor) driver)
                        .executeScript("document.querySelector('.CodeMirror').CodeMirror"
                                + ".setValue('x = 1\\nimport subprocess\\nprint(x)\\n');");
                driver.findElement(By.id("validate")).click();
                WebElement widget = wait.until(
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror .finding-widget")));
                assertThat(widget.getText()).contains("denied-import");
                assertThat(driver.findElements(By.cssSelector(".CodeMirror .finding-line")))
                        .hasSize(1);
                screenshot(driver, "editor-finding");

                // Reset forgets the history
                driver.findElement(By.id("reset")).click();
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history li"), 0));

                List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                        .toList();
                assertThat(problems)
                        .as("browser console warnings and errors (CSP violations included)")
                        .isEmpty();
            } finally {
                driver.quit();
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (app.openSessions() > 0 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(app.openSessions())
                    .as("closing the browser ends the tab's session")
                    .isZero();
        }
    }

    @Test
    void thePageMarksTruncatedOutputAndCancelStopsARun() throws Exception {
        Path profile = Files.createDirectories(Path.of("target", "chromium-profile-" + System.nanoTime()));
        try (WebApp app = WebApp.builder()
                .model(ScriptedChatModel.of())
                .sandbox(sandbox)
                .limits(ExecutionLimits.builder()
                        .maxOutputBytes(1024)
                        .wallTime(Duration.ofSeconds(120))
                        .build())
                .start()) {
            WebDriver driver = chromium(profile);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
                driver.get(app.accessUrl().toString());
                wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
                driver.findElement(By.id("tab-editor")).click();
                assertThat(driver.findElement(By.id("cancel")).isEnabled())
                        .as("Cancel is off while nothing runs")
                        .isFalse();
                setEditor(driver, "print('x' * 100000)\n");
                driver.findElement(By.id("run")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stdout-trunc")));
                assertThat(driver.findElement(By.id("stderr-trunc")).isDisplayed())
                        .isFalse();

                driver.findElement(By.id("tab-editor")).click();
                setEditor(driver, "import time\ntime.sleep(60)\n");
                driver.findElement(By.id("run")).click();
                // the program may not have reached the interpreter at the first click: click until the run ends
                wait.until(d -> {
                    WebElement cancel = d.findElement(By.id("cancel"));
                    if (cancel.isEnabled()) {
                        cancel.click();
                    }
                    return d.findElement(By.id("result-status")).getText().contains("cancelled");
                });
                assertThat(driver.findElement(By.id("result-status")).getText()).contains("KILLED");
                screenshot(driver, "results-cancelled");
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void aRunsNotesAreCollapsedAndAStateLossAfterCancelIsShownWithoutExpanding() throws Exception {
        Files.createDirectories(SHOTS);
        Path profile = Files.createDirectories(Path.of("target", "chromium-profile-" + System.nanoTime()));
        try (WebApp app = WebApp.builder()
                .model(ScriptedChatModel.of(answer("Prints a word.", "print('task')")))
                .sandbox(sandbox)
                .limits(ExecutionLimits.builder()
                        .wallTime(Duration.ofSeconds(120))
                        .build())
                .start()) {
            WebDriver driver = chromium(profile);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
                driver.get(app.accessUrl().toString());
                wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
                assertThat(driver.findElement(By.id("notes-box")).isDisplayed())
                        .as("no notes before the first run")
                        .isFalse();

                driver.findElement(By.id("tab-editor")).click();
                setEditor(driver, "kept = 6 * 7\nprint(kept)\n");
                driver.findElement(By.id("run")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stdout"), "42"));
                WebElement summary = driver.findElement(By.id("notes-summary"));
                assertThat(summary.getText()).matches("notes \\([1-9][0-9]*\\)");
                assertThat(driver.findElement(By.id("notes-box")).getAttribute("open"))
                        .as("the notes start collapsed")
                        .isNull();
                assertThat(driver.findElements(By.cssSelector("#notes li")))
                        .isNotEmpty()
                        .noneMatch(WebElement::isDisplayed);
                assertThat(driver.findElements(By.cssSelector("#key-notes li")))
                        .as("a run that ended by itself has no key notes")
                        .isEmpty();
                summary.click();
                wait.until(d -> d.findElements(By.cssSelector("#notes li")).stream()
                        .anyMatch(li -> li.isDisplayed() && li.getText().startsWith("wall time: ")));
                screenshot(driver, "results-notes");

                driver.findElement(By.id("tab-editor")).click();
                setEditor(driver, "import time\ntime.sleep(60)\n");
                driver.findElement(By.id("run")).click();
                wait.until(d -> {
                    WebElement cancel = d.findElement(By.id("cancel"));
                    if (cancel.isEnabled()) {
                        cancel.click();
                    }
                    return d.findElement(By.id("result-status")).getText().contains("cancelled");
                });
                assertThat(driver.findElement(By.cssSelector("#key-notes li.state-lost"))
                                .getText())
                        .contains("cancelled");

                driver.findElement(By.id("tab-editor")).click();
                setEditor(driver, "print('kept' in dir())\n");
                driver.findElement(By.id("run")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result-status"), "Run #3"));
                assertThat(driver.findElement(By.id("stdout")).getText()).isEqualTo("False");
                WebElement lost = wait.until(
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#key-notes li.state-lost")));
                assertThat(lost.getText()).startsWith("State lost: ").contains("fresh interpreter");
                assertThat(driver.findElement(By.id("notes-box")).getAttribute("open"))
                        .as("shown without expanding the notes")
                        .isNull();
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history li"), 3));
                assertThat(driver.findElements(By.cssSelector("#history li")))
                        .extracting(li -> li.getText().contains("state lost"))
                        .as("the history marks the cancelled run and the run after it")
                        .containsExactly(false, true, true);
                screenshot(driver, "results-state-lost");

                // a task's run after another cancel: the workflow log shows the state-lost note too
                driver.findElement(By.id("tab-editor")).click();
                setEditor(driver, "import time\ntime.sleep(60)\n");
                driver.findElement(By.id("run")).click();
                wait.until(d -> {
                    WebElement cancel = d.findElement(By.id("cancel"));
                    if (cancel.isEnabled()) {
                        cancel.click();
                    }
                    return d.findElement(By.id("result-status")).getText().contains("Run #4");
                });
                driver.findElement(By.id("tab-generator")).click();
                driver.findElement(By.id("task")).sendKeys("Print something");
                driver.findElement(By.id("generate")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gen-status"), "SUCCEEDED"));
                assertThat(driver.findElement(By.id("events")).getText()).contains("State lost: ");

                List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                        .toList();
                assertThat(problems).as("browser console warnings and errors").isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    private static void setEditor(WebDriver driver, String code) {
        ((JavascriptExecutor) driver)
                .executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", code);
    }

    private static String editorText(WebDriver driver) {
        return (String) ((JavascriptExecutor) driver)
                .executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue();");
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
