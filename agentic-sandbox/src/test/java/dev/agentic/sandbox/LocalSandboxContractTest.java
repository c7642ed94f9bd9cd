package dev.agentic.sandbox;

import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.testkit.contract.SandboxContract;
import org.junit.jupiter.api.AfterAll;

/** The sandbox contract, run against a real bubblewrap {@link LocalSandbox}. */
class LocalSandboxContractTest extends SandboxContract {
    private static final LocalSandbox SANDBOX = LocalSandbox.builder().build();

    @Override
    protected Sandbox sandbox() {
        return SANDBOX;
    }

    @AfterAll
    static void closeSandbox() {
        SANDBOX.close();
    }
}
