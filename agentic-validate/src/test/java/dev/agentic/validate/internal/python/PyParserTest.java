package dev.agentic.validate.internal.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ref.Reference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/** The copied tree is the binding's tree: same nodes, types, fields, positions and missing flags. */
class PyParserTest {
    private static final String PROGRAM = "import os as o, sys\nfrom .pkg import (a as b)\n"
            + "print(exec, match, type)\nmatch cmd:\n    case [x, *rest]: pass\n"
            + "s = f'{o.sep!r:>{w}}' rb'\\x00' \"\"\"doc\n\"\"\" '' # note\n"
            + "ｅｖａｌ('é' + \"ü\")  # non-ASCII\nx = None or True and not False\n"
            + "def f(a, /, *c, d: int = 0x1F, **e) -> 'T': return [i for i in c if i]\n";

    @Test
    void directNativeReadsPassTheirSelfCheckWithThisBindingBeforeJdk24() {
        // JDK 24+ takes the JNI path on purpose (sun.misc.Unsafe would print a warning there)
        assertThat(PyParser.directReads()).isEqualTo(Runtime.version().feature() < 24);
    }

    @Test
    void copiedTreeMatchesTheBindingNodeForNode() {
        assertSameTree(PROGRAM);
    }

    @Test
    void copiedTreeOfBrokenProgramKeepsErrorAndMissingNodes() {
        String broken = "def broken(:\n    return (1,\nx = [1, 2\nclass\n";
        assertSameTree(broken);
        PyParser.Parsed parsed = PyParser.parse(broken);
        assertThat(parsed.firstError).isNotNull();
        assertThat(parsed.firstError.line).isEqualTo(1);
    }

    @Test
    void directAndJniCopiesAgreeOnEveryCorpusProgram() throws IOException, URISyntaxException {
        Path corpus = Path.of(
                PyParserTest.class.getResource("/corpus/validator/python").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            String source = PythonCodeValidator.normalise(Files.readString(file));
            if (source.indexOf('\0') >= 0) {
                continue;
            }
            PyParser.Parsed direct = PyParser.parse(source, true);
            PyParser.Parsed jni = PyParser.parse(source, false);
            assertThat(full(direct.root)).as(file.toString()).isEqualTo(full(jni.root));
            assertThat(direct.firstError == null ? null : direct.firstError.toString())
                    .as(file.toString())
                    .isEqualTo(jni.firstError == null ? null : jni.firstError.toString());
            assertThat(direct.missing).as(file.toString()).isEqualTo(jni.missing);
        }
    }

    @Test
    void directAndJniCopiesAgreeOnBrokenDeepAndCommentedPrograms() throws IOException, URISyntaxException {
        Path corpus = Path.of(
                PyParserTest.class.getResource("/corpus/validator/python").toURI());
        List<String> programs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path file :
                    walk.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                String source = PythonCodeValidator.normalise(Files.readString(file));
                if (source.indexOf('\0') < 0) {
                    // cut mid-file: unclosed brackets, strings and blocks give ERROR and MISSING nodes
                    programs.add(source.substring(0, source.length() / 3));
                    programs.add(source.substring(0, source.length() * 2 / 3));
                }
            }
        }
        programs.add("x = " + "[".repeat(900) + "]".repeat(900) + "\n");
        programs.add("def f(a,  # one\n      b):  # two\n    return (a  # three\n            + b)\n# end");
        programs.add("if x:\n    pass\n  # dedented comment\nelif (y := 2):\n    pass\nelse:\n    z = \\\n  3\n");
        int tooDeep = 0;
        int broken = 0;
        for (String program : programs) {
            PyParser.Parsed direct = PyParser.parse(program, true);
            assertThat(PyParser.describe(direct))
                    .as(program)
                    .isEqualTo(PyParser.describe(PyParser.parse(program, false)));
            tooDeep += direct.tooDeep ? 1 : 0;
            broken += direct.firstError != null ? 1 : 0;
        }
        assertThat(programs).hasSizeGreaterThan(100);
        assertThat(tooDeep).isEqualTo(1);
        assertThat(broken).isGreaterThan(programs.size() / 4);
    }

    private static List<String> full(PyNode root) {
        List<String> out = new ArrayList<>();
        fullInto(root, out);
        return out;
    }

    private static void fullInto(PyNode n, List<String> out) {
        out.add(describe(n.type, n.field, n.start, n.end, n.named) + n.line + ":" + n.column);
        for (PyNode c : n.children) {
            fullInto(c, out);
        }
    }

    private static void assertSameTree(String source) {
        List<String> viaJni = new ArrayList<>();
        flatten(PyParser.parse(source).root, viaJni);
        assertThat(viaJni).isEqualTo(reference(source));
        List<String> direct = new ArrayList<>();
        flatten(PyParser.parse(source, true).root, direct);
        assertThat(direct).isEqualTo(viaJni);
    }

    private static void flatten(PyNode n, List<String> out) {
        out.add(describe(n.type, n.field, n.start, n.children.isEmpty() ? n.end : -1, n.named));
        for (PyNode c : n.children) {
            flatten(c, out);
        }
    }

    private static String describe(String type, String field, int start, int leafEnd, boolean named) {
        return type + "/" + field + "@" + start + "-" + leafEnd + (named ? "N" : "a");
    }

    /** The same walk through the binding's public node API, positions converted to char indexes. */
    private static List<String> reference(String source) {
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterPython());
        TSTree tree = parser.parseString(null, source);
        List<String> out = new ArrayList<>();
        long cursor = TsNative.cursorNew(tree.getRootNode());
        try {
            while (true) {
                TSNode n = TsNative.currentNode(cursor);
                int fieldId = TsNative.currentFieldId(cursor);
                String field = fieldId == 0 ? null : parser.getLanguage().fieldNameForId(fieldId);
                boolean hasChild = TsNative.gotoFirstChild(cursor);
                int start = chars(utf8, n.getStartByte());
                out.add(describe(
                        n.getType(),
                        field,
                        start,
                        hasChild ? -1 : chars(utf8, n.getEndByte()),
                        n.isNamed() || n.isError()));
                if (hasChild) {
                    continue;
                }
                while (!TsNative.gotoNextSibling(cursor)) {
                    if (!TsNative.gotoParent(cursor)) {
                        return out;
                    }
                }
            }
        } finally {
            TsNative.cursorDelete(cursor);
            Reference.reachabilityFence(tree);
        }
    }

    private static int chars(byte[] utf8, int byteOffset) {
        return new String(utf8, 0, Math.min(byteOffset, utf8.length), StandardCharsets.UTF_8).length();
    }
}
