package dev.agentic.examples.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.bedrock.BedrockModels;
import dev.agentic.cli.demo.LocalAws;
import dev.agentic.core.WorkflowResult;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeAgentCoreServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link CodeInterpreterChat} against the fake Bedrock (scripted, streamed answers) with the session in the
 * local sandbox, and in the fake AgentCore Code Interpreter backed by the local sandbox's sessions. The
 * sandbox's Python has no matplotlib, so the scripted "plot" draws the bars into a pixel grid and the last
 * program encodes it as PNG with the standard library (zlib, struct): the second and third programs use
 * variables only the earlier runs defined, so they succeed only if the session kept its state.
 */
class CodeInterpreterChatTest {
    static final String LOAD = String.join(
            "\n",
            "import csv",
            "with open('sales.csv', newline='') as f:",
            "    rows = list(csv.DictReader(f))",
            "months = sorted({r['date'][:7] for r in rows})",
            "print(f'{len(rows)} rows over {len(months)} months: {months[0]} to {months[-1]}')",
            "");

    static final String PLOT = String.join(
            "\n",
            "# No matplotlib in this sandbox: draw the bars into a pixel grid with plain Python.",
            "totals = {}",
            "for r in rows:",
            "    totals[r['date'][:7]] = totals.get(r['date'][:7], 0.0) + float(r['amount'])",
            "bar, gap, width, height = 30, 10, 20 + 40 * len(totals), 200",
            "top = max(totals.values())",
            "pixels = [[(255, 255, 255)] * width for _ in range(height)]",
            "for i, (month, total) in enumerate(sorted(totals.items())):",
            "    h = int(total / top * (height - 20))",
            "    for y in range(height - 10 - h, height - 10):",
            "        for x in range(10 + i * (bar + gap), 10 + i * (bar + gap) + bar):",
            "            pixels[y][x] = (31, 119, 180)",
            "for month, total in sorted(totals.items()):",
            "    print(f'{month}: {total:.2f}')",
            "");

    static final String SAVE = String.join(
            "\n",
            "import struct",
            "import zlib",
            "def chunk(kind, data):",
            "    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))",
            "raw = b''.join(b'\\x00' + bytes(v for px in row for v in px) for row in pixels)",
            "png = (b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))",
            "       + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))",
            "with open('monthly.png', 'wb') as f:",
            "    f.write(png)",
            "print(f'saved monthly.png, {width}x{height}')",
            "");

    @TempDir
    Path dir;

    private final StringWriter text = new StringWriter();

    private static BedrockReply answer(String prose, String code) {
        return BedrockReply.text(prose + "\n\n```python\n" + code + "```\n").withChunkSize(40);
    }

    private CodeInterpreterChat.Outcome runChat(LocalAws aws, String sandbox) {
        aws.bedrock()
                .script(
                        BedrockModels.CLAUDE_3_7_SONNET,
                        answer("I'll read the CSV into rows.", LOAD),
                        answer("Summing per month and drawing the bars.", PLOT),
                        answer("Encoding the chart as PNG.", SAVE));
        try (LocalAws.Applied settings = aws.apply()) {
            return CommandLine.populateCommand(
                            new CodeInterpreterChat(), "--sandbox", sandbox, "--output-dir", dir.toString())
                    .run(new PrintWriter(text, true));
        }
    }

    private void assertTheChatWorkedInOneSession(CodeInterpreterChat.Outcome outcome) throws Exception {
        List<WorkflowResult> results = outcome.results();
        assertThat(results)
                .as(text.toString())
                .allSatisfy(r -> assertThat(r.succeeded()).isTrue());
        assertThat(results.get(0).finalResult().orElseThrow().stdout())
                .isEqualTo("7 rows over 3 months: 2026-01 to 2026-03\n");
        assertThat(results.get(1).finalResult().orElseThrow().stdout())
                .isEqualTo("2026-01: 200.50\n2026-02: 355.25\n2026-03: 270.00\n");
        byte[] png = outcome.png().orElseThrow().content();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(140);
        assertThat(image.getHeight()).isEqualTo(200);
        assertThat(image.getRGB(25, 150) & 0xffffff).as("inside the first bar").isEqualTo(0x1f77b4);
        assertThat(image.getRGB(5, 5) & 0xffffff).as("background").isEqualTo(0xffffff);
        assertThat(Files.readAllBytes(dir.resolve("monthly.png"))).isEqualTo(png);
        assertThat(text.toString())
                .contains(">>> Now plot the monthly totals as a bar chart")
                .contains("pixels = [[(255, 255, 255)]") // streamed code
                .contains("--- ")
                .contains("2026-02: 355.25")
                .contains("wrote " + dir.resolve("monthly.png"));
    }

    @Test
    void threeFollowUpsInOneLocalSessionLoadPlotAndSaveMonthlyPng() throws Exception {
        try (LocalAws aws = LocalAws.start("unused-bucket")) {
            assertTheChatWorkedInOneSession(runChat(aws, "local"));
        }
    }

    @Test
    void theSameChatRunsInOneAgentCoreSession() throws Exception {
        try (LocalAws aws = LocalAws.start("unused-bucket");
                LocalSandbox backing = LocalSandbox.builder().build()) {
            FakeAgentCoreServer agentCore = aws.startAgentCore(backing);
            assertThat(agentCore.keepsInterpreterState()).isTrue();

            assertTheChatWorkedInOneSession(runChat(aws, "agentcore"));

            assertThat(agentCore.startedSessions()).isEqualTo(1);
            assertThat(agentCore.activeSessions()).isZero();
        }
    }
}
