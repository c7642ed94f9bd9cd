package dev.agentic.validate.internal.python;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        String src = Files.readString(Path.of("/tmp/strict/dump.py"));
        System.out.println(PyParser.describe(PyParser.parse(src)));
    }
}
