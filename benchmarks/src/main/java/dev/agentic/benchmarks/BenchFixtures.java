package dev.agentic.benchmarks;

import dev.agentic.core.Language;
import dev.agentic.core.Task;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.Role;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.store.KeyContext;
import dev.agentic.core.store.KeyLayout;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Task, scripted model answers and an instant sandbox shared by the workflow benchmarks. */
final class BenchFixtures {
    /** The task every workflow benchmark runs. */
    static final Task TASK = Task.builder()
            .description("Print the first twenty primes and their sum")
            .integration("bench")
            .language(Language.PYTHON)
            .build();

    /** A valid program: the policy accepts it and it prints the primes and their sum. */
    static final String GOOD_PROGRAM = String.join(
            "\n",
            "import math",
            "",
            "",
            "def is_prime(n: int) -> bool:",
            "    if n < 2:",
            "        return False",
            "    for d in range(2, math.isqrt(n) + 1):",
            "        if n % d == 0:",
            "            return False",
            "    return True",
            "",
            "",
            "def first_primes(count: int) -> list[int]:",
            "    primes = []",
            "    n = 2",
            "    while len(primes) < count:",
            "        if is_prime(n):",
            "            primes.append(n)",
            "        n += 1",
            "    return primes",
            "",
            "",
            "def main() -> None:",
            "    primes = first_primes(20)",
            "    print(\"primes:\", \" \".join(str(p) for p in primes))",
            "    print(\"sum:\", sum(primes))",
            "",
            "",
            "if __name__ == \"__main__\":",
            "    main()",
            "");

    /** A program the standard policy rejects (it shells out). */
    static final String REJECTED_PROGRAM =
            GOOD_PROGRAM.replace("import math", "import math\nimport subprocess\n\nsubprocess.run([\"ls\"])");

    /** A valid program whose run fails: {@link InstantSandbox} reports it as exiting 1 with a traceback. */
    static final String FAILING_PROGRAM = GOOD_PROGRAM.replace("sum(primes))", "sum(primes) / 0)");

    /** What the sandbox prints for {@link #GOOD_PROGRAM}. */
    static final String GOOD_STDOUT = "primes: 2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71\nsum: 639\n";

    private BenchFixtures() {}

    /** A model answer as a chat model writes one: a sentence, the fenced program, a closing sentence. */
    static String answer(String program) {
        return "Here is a program that does it.\n\n```python\n" + program + "```\n\nIt prints one line per result.";
    }

    /** Whether {@code request} is a repair after the previous program was rejected by the validator. */
    static boolean isRepairAfterRejection(ChatRequest request) {
        return lastUserText(request).contains("was rejected by the code policy");
    }

    /** Whether {@code request} is a repair after the previous program ran and failed. */
    static boolean isRepairAfterFailedRun(ChatRequest request) {
        return lastUserText(request).contains("ran and did not succeed");
    }

    private static String lastUserText(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            Message m = request.messages().get(i);
            if (m.role() == Role.USER) {
                return m.text();
            }
        }
        return "";
    }

    /**
     * A key layout that never repeats a key, to measure the store without the collision probing that the
     * standard layout's one-second timestamps cause under load.
     */
    static KeyLayout distinctKeys() {
        AtomicLong next = new AtomicLong();
        return new KeyLayout() {
            @Override
            public String codeKey(KeyContext context) {
                return "generated/" + context.integration() + "/code_" + next.incrementAndGet() + "."
                        + context.extension();
            }

            @Override
            public String recordKey(KeyContext context) {
                return "executions/" + context.integration() + "/" + (context.succeeded() ? "success_" : "failure_")
                        + next.incrementAndGet() + ".json";
            }
        };
    }

    /**
     * A sandbox that runs nothing and answers at once: {@link #FAILING_PROGRAM} fails with a traceback, any
     * other program succeeds with {@link #GOOD_STDOUT}. Isolates the SDK's own cost from process start-up.
     * Thread-safe; holds nothing.
     */
    static final class InstantSandbox implements Sandbox {
        private static final ExecutionResult SUCCEEDED =
                new ExecutionResult.Succeeded(ExecutionOutput.of(GOOD_STDOUT, "", Duration.ofMillis(1)));
        private static final ExecutionResult FAILED = new ExecutionResult.Failed(
                1,
                ExecutionOutput.of(
                        "primes: 2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71\n",
                        "Traceback (most recent call last):\n  File \"main.py\", line 26, in main\n"
                                + "ZeroDivisionError: division by zero\n",
                        Duration.ofMillis(1)));

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            return request.code().source().contains("/ 0)") ? FAILED : SUCCEEDED;
        }

        private static final SandboxCapabilities CAPABILITIES = SandboxCapabilities.builder()
                .language(Language.PYTHON)
                .allCapabilities()
                .without(SandboxCapability.SESSIONS)
                .build();

        /** Declares what the executor checks, so the benchmark measures the same path as a real sandbox. */
        @Override
        public SandboxCapabilities capabilities() {
            return CAPABILITIES;
        }

        @Override
        public void close() {}
    }
}
