package dev.agentic.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which files a run hands back, and in what form; secrets in every form a real program prints them. */
class OutputFilesTest {
    /** An AWS-style key with '/' and '+', a space, a quote and a non-ASCII character, plus a trailing newline. */
    private static final String SECRET = "wJalrXUtn/K7MDENG+bPxR fi\"CYé\\KEY\n";

    private static final String PRINTS_EVERY_FORM = String.join(
            "\n",
            "import os, json, base64, urllib.parse",
            "k = os.environ['API_KEY']",
            "forms = [k.strip(), urllib.parse.quote(k), urllib.parse.quote(k, safe=''), urllib.parse.quote_plus(k),",
            "         urllib.parse.quote(k, safe='/+'), json.dumps(k), json.dumps(k, ensure_ascii=False), repr(k), ascii(k),",
            "         base64.b64encode(k.encode()).decode(), base64.urlsafe_b64encode(k.encode()).decode().rstrip('='),",
            "         'Basic ' + base64.b64encode(('user:' + k.strip()).encode()).decode(),",
            "         '\\u200b'.join(k.strip()), '\\u2060'.join(k.strip()), '\\u00ad'.join(k.strip())]",
            "for i, f in enumerate(forms):",
            "    print(i, f)",
            "open('out.txt', 'w').write('\\n'.join(forms))",
            "");

    @Test
    void everyFormARealProgramPrintsIsMaskedInStreamsAndTextFiles() {
        ExecutionResult r = Host.sandbox()
                .execute(ExecutionRequest.builder()
                        .code(Code.python(PRINTS_EVERY_FORM))
                        .secret("API_KEY", SECRET)
                        .outputGlob("*.txt")
                        .build());

        assertThat(r.succeeded()).as(r.describe()).isTrue();
        // a printed value's own trailing newline is part of it, so some lines join; every form is masked
        assertThat(r.stdout())
                .doesNotContain("K7MDENG")
                .doesNotContain("k7mdeng")
                .doesNotContain("CY")
                .doesNotContain("dXNlcjp3SmFs");
        assertThat(r.stdout().split(Pattern.quote(Redactor.MASK), -1)).hasSizeGreaterThan(15);
        String file = new String(r.output().files().get(0).content(), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("K7MDENG").contains(Redactor.MASK);
        assertThat(r.output().notes()).contains("output out.txt: secret values masked in its content");
    }

    @Test
    void doubleStarGlobCollectsTopLevelAndNestedFiles() {
        ExecutionResult r = Host.sandbox()
                .execute(ExecutionRequest.builder()
                        .code(Code.python("import os\nos.makedirs('a/b')\n"
                                + "for p in ['top.csv', 'a/mid.csv', 'a/b/deep.csv', 'skip.txt']:\n"
                                + "    open(p, 'w').write(p)\n"))
                        .outputGlob("**/*.csv")
                        .build());

        assertThat(r.succeeded()).as(r.describe()).isTrue();
        assertThat(r.output().files())
                .extracting(OutputFile::path)
                .containsExactlyInAnyOrder("top.csv", "a/mid.csv", "a/b/deep.csv");
    }
}
