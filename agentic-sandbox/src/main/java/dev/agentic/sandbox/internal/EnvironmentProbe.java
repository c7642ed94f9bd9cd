package dev.agentic.sandbox.internal;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.sandbox.SandboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out what a Python program sees inside a sandbox by running one inside it: the interpreter's version
 * and the top-level modules importable from its site- and dist-packages directories (the standard library
 * excluded). Stateless; the caller keeps the answer.
 */
public final class EnvironmentProbe {
    /** At most this many module names are reported (a prompt needs no more). */
    static final int MAX_MODULES = 200;

    private static final String PROBE = String.join(
            "\n",
            "import pkgutil, sys",
            "std = set(getattr(sys, 'stdlib_module_names', ()))",
            "paths = [p for p in sys.path if p and ('site-packages' in p or 'dist-packages' in p)]",
            "names = sorted({m.name for m in pkgutil.iter_modules(paths)",
            "                if not m.name.startswith('_') and m.name not in std})",
            "print('Python ' + sys.version.split()[0])",
            "for n in names:",
            "    print(n)");

    private EnvironmentProbe() {}

    /**
     * Runs the probe in {@code sandbox}.
     *
     * @throws SandboxException when the probe does not succeed
     */
    public static SandboxEnvironment python(Sandbox sandbox) {
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(new Code(Language.PYTHON, PROBE))
                .limits(ExecutionLimits.builder()
                        .wallTime(Duration.ofSeconds(20))
                        .build())
                .build());
        if (!r.succeeded()) {
            throw new SandboxException("Could not list the Python modules in " + sandbox + ": the probe ended "
                    + r.describe() + "; stderr: " + r.output().stderrTail(500));
        }
        return parse(r.stdout());
    }

    /** The probe's output: the runtime on the first line, one module name on each further line. */
    static SandboxEnvironment parse(String stdout) {
        List<String> lines =
                stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        SandboxEnvironment.Builder b = SandboxEnvironment.builder();
        if (lines.isEmpty()) {
            return b.build();
        }
        b.runtime(Language.PYTHON, lines.get(0));
        List<String> modules = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.matches("[A-Za-z0-9_.]+") && modules.size() < MAX_MODULES) {
                modules.add(l);
            }
        }
        return b.packages(Language.PYTHON, modules).build();
    }
}
