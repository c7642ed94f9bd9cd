package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.InputFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explicit {@code Isolation.NONE} mode: the program runs as a plain child process of the JVM in a
 * fresh directory, with a cleared environment and (when {@code prlimit} exists) the same rlimits, but with
 * the user's full access to the host. Development only. Stateless.
 */
final class Unisolated {
    private Unisolated() {}

    static List<String> prepare(
            RunContext ctx, RunDirectory dir, Language language, ExecutionLimits limits, List<InputFile> inputs)
            throws IOException {
        Path work = Files.createDirectory(dir.path().resolve("work"));
        String programFile = BwrapCommand.programFile(language);
        Files.copy(dir.path().resolve(programFile), work.resolve(programFile));
        for (InputFile f : inputs) {
            Path target = work.resolve(f.name()).normalize();
            Files.createDirectories(target.getParent());
            Files.write(target, f.content());
            target.toFile().setWritable(false);
        }
        List<String> cmd = new ArrayList<>();
        if (ctx.tools().prlimit() != null) {
            cmd.addAll(BwrapCommand.limitsPrefix(ctx.tools().prlimit(), limits, language));
        }
        cmd.addAll(BwrapCommand.programCommand(ctx.unisolatedLayout(), language, limits, false, work.toString()));
        return cmd;
    }

    static Map<String, String> environment(RunDirectory dir, Map<String, String> programEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", dir.path().resolve("work").toString());
        env.put("TMPDIR", dir.path().resolve("work").toString());
        env.put("LANG", "C.UTF-8");
        env.putAll(programEnv);
        return env;
    }

    static SecureDirectoryStream<Path> openWorkdir(RunDirectory dir) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(dir.path().resolve("work"));
        if (ds instanceof SecureDirectoryStream<Path> sds) {
            return sds;
        }
        ds.close();
        throw new IOException("no SecureDirectoryStream on this platform; cannot collect outputs safely");
    }
}
