package dev.agentic.core.internal.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Language;
import dev.agentic.core.internal.generate.CodeExtractor.Extraction;
import org.junit.jupiter.api.Test;

class CodeExtractorTest {
    private static final String PROGRAM = "import os\n\nprint(os.environ.get(\"HOME\"))\n";

    private static Extraction python(String answer) {
        return CodeExtractor.extract(answer, Language.PYTHON, false);
    }

    @Test
    void fencedBlockWithLanguageTag() {
        Extraction e = python("Here you go:\n\n```python\n" + PROGRAM + "```\n\nIt prints your home directory.");

        assertThat(e.code()).isEqualTo(PROGRAM);
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void fencedBlockWithoutTag() {
        assertThat(python("```\n" + PROGRAM + "```").code()).isEqualTo(PROGRAM);
    }

    @Test
    void tildeFenceAndTagAliases() {
        assertThat(python("~~~py\n" + PROGRAM + "~~~\n").code()).isEqualTo(PROGRAM);
        assertThat(python("```Python3 title=\"main.py\"\n" + PROGRAM + "```").code())
                .isEqualTo(PROGRAM);
    }

    @Test
    void blockInTheTasksLanguageWinsOverBashJsonAndOutputBlocks() {
        String answer = "Install it first:\n```bash\npip install requests\n```\n"
                + "The program:\n```python\n" + PROGRAM + "```\n"
                + "Example payload:\n```json\n{\"name\": \"Alice\", \"email\": \"a@example.com\", \"x\": 1}\n```\n"
                + "Output:\n```output\n/home/alice\n```\n";

        Extraction e = python(answer);

        assertThat(e.code()).isEqualTo(PROGRAM);
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void withSeveralUntaggedBlocksTheLargestPlausibleProgramWins() {
        String small = "x = 1\n";
        String answer = "First:\n```\n" + small + "```\nThe full program:\n```\n" + PROGRAM
                + "```\nIt prints:\n```\n/home/alice is your home\n```\n";

        assertThat(python(answer).code()).isEqualTo(PROGRAM);
    }

    @Test
    void javaBlockIsChosenForAJavaTaskAndPythonIgnored() {
        String java = "public class Main {\n    public static void main(String[] args) {\n"
                + "        System.out.println(\"hi\");\n    }\n}\n";
        String answer = "```python\nprint('hi')\n```\nIn Java:\n```java\n" + java + "```\n";

        assertThat(CodeExtractor.extract(answer, Language.JAVA, false).code()).isEqualTo(java);
        assertThat(python(answer).code()).isEqualTo("print('hi')\n");
    }

    @Test
    void javaScriptTaskTakesTheJsBlock() {
        String js = "const name = process.env.NAME;\nconsole.log(`hi ${name}`);\n";

        Extraction e =
                CodeExtractor.extract("```sh\nnode main.js\n```\n```js\n" + js + "```\n", Language.JAVASCRIPT, false);

        assertThat(e.code()).isEqualTo(js);
    }

    @Test
    void fourBacktickFenceKeepsInnerTripleBackticks() {
        String program = "doc = \"\"\"\n```\nnot a fence end\n```\n\"\"\"\nprint(doc)\n";

        assertThat(python("````python\n" + program + "````\n").code()).isEqualTo(program);
    }

    @Test
    void codeTagsWithAndWithoutLanguageAttribute() {
        assertThat(python("Use this: <code>" + PROGRAM + "</code>").code()).isEqualTo(PROGRAM);
        assertThat(python("<code lang=\"python\">\n" + PROGRAM + "</code>\n<code lang=\"bash\">python3 main.py</code>")
                        .code())
                .isEqualTo(PROGRAM);
    }

    @Test
    void htmlEscapedCodeTagIsUnescaped() {
        Extraction e = python("<pre><code class=\"language-python\">if 1 &lt; 2 and 3 &gt; 2:\n"
                + "    print(&quot;ok &amp; fine&quot;)\n</code></pre>");

        assertThat(e.code()).isEqualTo("if 1 < 2 and 3 > 2:\n    print(\"ok & fine\")\n");
    }

    @Test
    void bareCodeWithoutFenceDropsLeadingAndTrailingProse() {
        String answer = "Sure! Here is the program that prints the home directory.\n\n" + PROGRAM
                + "\nThis program reads the HOME variable and prints it.\n";

        Extraction e = python(answer);

        assertThat(e.code()).isEqualTo(PROGRAM);
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void markdownIndentedCodeBlockIsDedented() {
        String answer = "Save this as main.py:\n\n    import os\n\n    print(os.getcwd())\n\nThen run it.\n";

        assertThat(python(answer).code()).isEqualTo("import os\n\nprint(os.getcwd())\n");
    }

    @Test
    void bareJavaProgramEndsAtItsLastBrace() {
        String java = "import java.util.List;\n\npublic class Main {\n    public static void main(String[] a) {\n"
                + "        System.out.println(List.of(1));\n    }\n}\n";

        Extraction e = CodeExtractor.extract(
                "Here it is:\n" + java + "\nRun it with java Main.java and enjoy.", Language.JAVA, false);

        assertThat(e.code()).isEqualTo(java);
    }

    @Test
    void unclosedFenceIsTakenToTheEndAndMarkedTruncated() {
        String partial = "import os\n\nfor name in sorted(os.environ):\n    print(name, os.envi";

        Extraction e = CodeExtractor.extract("Here:\n```python\n" + partial, Language.PYTHON, true);

        assertThat(e.code()).isEqualTo(partial + "\n");
        assertThat(e.truncated()).isTrue();
    }

    @Test
    void closedBlockIsNotTruncatedEvenWhenTheModelHitItsLimitLater() {
        Extraction e = CodeExtractor.extract(
                "```python\n" + PROGRAM + "```\nNow let me explain every line in", Language.PYTHON, true);

        assertThat(e.code()).isEqualTo(PROGRAM);
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void bareCodeCutOffByTheTokenLimitIsMarkedTruncated() {
        Extraction e = CodeExtractor.extract("import os\nprint(os.getcwd(", Language.PYTHON, true);

        assertThat(e.code()).isEqualTo("import os\nprint(os.getcwd(\n");
        assertThat(e.truncated()).isTrue();
    }

    @Test
    void proseOnlyAnswerGivesAPreciseReason() {
        Extraction e = python("I am sorry, but I cannot help with creating that customer without more details.");

        assertThat(e.isFound()).isFalse();
        assertThat(e.code()).isNull();
        assertThat(e.reason()).contains("no fenced code block", "I am sorry, but I cannot help", "```python");
    }

    @Test
    void onlyBlocksInOtherLanguagesGiveAReasonNamingTheirTags() {
        Extraction e = python("Run:\n```bash\ncurl https://api.example.com\n```\nResult:\n```json\n{\"a\": 1}\n```");

        assertThat(e.isFound()).isFalse();
        assertThat(e.reason()).contains("bash", "json", "none holds a Python 3 program");
    }

    @Test
    void untaggedBlockOfProseIsNotMistakenForCode() {
        Extraction e = python("```\nThe customer was created successfully and has the id shown below.\n```");

        assertThat(e.isFound()).isFalse();
        assertThat(e.reason()).contains("(untagged)");
    }

    @Test
    void emptyAnswerSaysSo() {
        assertThat(python("  \n").reason()).contains("empty");
        assertThat(python(null).reason()).contains("empty");
    }

    @Test
    void windowsLineEndingsAreNormalised() {
        assertThat(python("```python\r\nprint(1)\r\n```\r\n").code()).isEqualTo("print(1)\n");
    }
}
