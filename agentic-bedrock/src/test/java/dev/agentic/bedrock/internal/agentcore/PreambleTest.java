package dev.agentic.bedrock.internal.agentcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.core.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript and TypeScript environment preamble, run by a real Node.js: on Node itself, and on a
 * stand-in for Deno's API (a preloaded {@code globalThis.Deno} with {@code env}, {@code readTextFileSync},
 * {@code removeSync}), since the service runs Deno.
 */
class PreambleTest {
    static final String SECRET = "s3cr\"et\\n-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private static String node() {
        String configured = System.getProperty("agentic.test.node");
        return configured != null && !configured.isBlank() ? configured : "node";
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(Preamble p, Language language, String program, String... nodeArgs)
            throws IOException, InterruptedException {
        Files.write(dir.resolve(p.fileName()), p.file().content());
        String code = p.loadThenRun(language, program);
        assertThat(code).as("code text").doesNotContain(SECRET);
        Path file = Files.writeString(dir.resolve(language == Language.TYPESCRIPT ? "main.ts" : "main.js"), code);
        List<String> command = new ArrayList<>(List.of(node()));
        command.addAll(List.of(nodeArgs));
        command.add(file.toString());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "no node on PATH and no -Dagentic.test.node: " + e.getMessage());
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, Files.readString(dir.resolve("stderr.txt")));
    }

    @Test
    void onNodeTheValuesAreInProcessEnvTheFileIsGoneAndLineNumbersAreTheProgramsOwn() throws Exception {
        Preamble p = Preamble.of(Map.of("REGION", "eu-west-1"), Map.of("TOKEN", SECRET));
        String program = "#!/usr/bin/env node\n\"use strict\";\n"
                + "const fs = require(\"node:fs\");\n"
                + "console.log(process.env.TOKEN === " + jsString(SECRET) + ", process.env.REGION,"
                + " fs.readdirSync(\".\").filter((f) => f.startsWith(\".agentic-env-\")).length);\n"
                + "try { undeclared = 1; } catch (e) { console.log(\"strict\"); }\n"
                + "throw new Error(\"on line 6\");\n";

        Run r = run(p, Language.JAVASCRIPT, program);

        assertThat(r.stdout()).isEqualTo("true eu-west-1 0\nstrict\n");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("main.js:6:").contains("on line 6").doesNotContain(SECRET);
    }

    @Test
    void onDenoTheValuesGoToDenoEnvAndTheFileIsRemovedWithDenosApi() throws Exception {
        Path shim = Files.writeString(
                dir.resolve("deno-shim.cjs"),
                "const fs = require('node:fs'); const env = new Map(); globalThis.denoCalls = [];\n"
                        + "globalThis.Deno = { env: { set: (k, v) => env.set(k, v), get: (k) => env.get(k) },\n"
                        + "  readTextFileSync: (f) => { denoCalls.push('read'); return fs.readFileSync(f, 'utf8'); },\n"
                        + "  removeSync: (f) => { denoCalls.push('remove'); fs.rmSync(f); } };\n");
        Preamble p = Preamble.of(Map.of(), Map.of("TOKEN", SECRET));
        String program = "console.log(Deno.env.get(\"TOKEN\") === " + jsString(SECRET)
                + ", process.env.TOKEN === undefined, denoCalls.join(\",\"),"
                + " require(\"node:fs\").readdirSync(\".\").filter((f) => f.startsWith(\".agentic-env-\")).length);\n";

        Run r = run(p, Language.JAVASCRIPT, program, "--require", shim.toString());

        assertThat(r.stdout()).isEqualTo("true true read,remove 0\n");
    }

    @Test
    void typeScriptGetsAnnotatedCodeThatATypeStrippingNodeRuns() throws Exception {
        Preamble p = Preamble.of(Map.of("N", "41"), Map.of("TOKEN", SECRET));
        String program = "const n: number = Number(process.env.N);\n"
                + "console.log(n + 1, process.env.TOKEN === " + jsString(SECRET) + ");\n"
                + "throw new Error(\"on line 3\");\n";
        assumeTrue(
                stripsTypes(),
                "this node cannot run TypeScript (needs Node 22.6+ type stripping); set "
                        + "-Dagentic.test.node=/path/to/node24/bin/node");

        Run r = run(p, Language.TYPESCRIPT, program);

        assertThat(r.stdout()).isEqualTo("42 true\n");
        assertThat(r.stderr()).contains("main.ts:3:").contains("on line 3");
        assertThat(p.load(Language.TYPESCRIPT)).doesNotContain("\n").contains(": any");
    }

    static boolean stripsTypes() {
        try {
            Process p = new ProcessBuilder(node(), "--input-type=module-typescript", "-e", "const a: number = 1;")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String jsString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
