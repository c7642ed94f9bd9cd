package dev.agentic.sandbox;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.testkit.contract.SandboxContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The sandbox contract, run against a real bubblewrap {@link LocalSandbox}: cold, prestarted and pooled. */
class LocalSandboxContractTest extends SandboxContract {
    private static final LocalSandbox SANDBOX = LocalSandbox.builder().build();
    private static final LocalSandbox PRESTARTED =
            LocalSandbox.builder().prestart(Language.PYTHON, 2).build();
    private static final LocalSandbox POOLED =
            LocalSandbox.builder().interpreterPool(2).build();

    @Override
    protected Sandbox sandbox() {
        return SANDBOX;
    }

    @AfterAll
    static void closeSandboxes() {
        SANDBOX.close();
        PRESTARTED.close();
        POOLED.close();
    }

    /**
     * The contract against a sandbox that prestarts Python sandboxes: most of the contract's requests use the
     * default limits, so they run in prestarted sandboxes (the others start cold).
     */
    @Nested
    class Prestarted extends SandboxContract {
        @Override
        protected Sandbox sandbox() {
            return PRESTARTED;
        }
    }

    /** The contract against a sandbox with pre-started Python interpreters (each serves one program). */
    @Nested
    class PooledInterpreters extends SandboxContract {
        @Override
        protected Sandbox sandbox() {
            return POOLED;
        }
    }
}
