package dev.agentic.sandbox;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.testkit.contract.SandboxContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The sandbox contract against a {@link LocalSandbox} that prestarts Python sandboxes: most of the contract's
 * requests use the default limits, so they run in prestarted sandboxes (the others start cold).
 */
class LocalSandboxPrestartedContractTest extends SandboxContract {
    private static final LocalSandbox SANDBOX = LocalSandbox.builder().prestart(Language.PYTHON, 2).build();

    @Override
    protected Sandbox sandbox() {
        return SANDBOX;
    }

    @AfterAll
    static void closeSandbox() {
        SANDBOX.close();
    }
}
