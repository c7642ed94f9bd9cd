package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.sandbox.LocalSandbox;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredSandboxTest {
    private final AtomicInteger created = new AtomicInteger();

    private Sandbox create() {
        created.incrementAndGet();
        return LocalSandbox.builder().build();
    }

    @Test
    void closingAnUnusedSandboxNeverStartsIt() {
        DeferredSandbox sandbox = new DeferredSandbox(this::create);
        sandbox.close();

        assertThat(created).hasValue(0);
        assertThat(sandbox.started()).isFalse();
        assertThatThrownBy(() -> sandbox.capabilities()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void firstUseStartsTheSandboxOnceAndRunsInIt() {
        try (DeferredSandbox sandbox = new DeferredSandbox(this::create)) {
            ExecutionRequest request = ExecutionRequest.builder()
                    .code(new Code(Language.PYTHON, "print('x')"))
                    .build();

            assertThat(sandbox.execute(request).stdout()).isEqualTo("x\n");
            assertThat(sandbox.execute(request).succeeded()).isTrue();
            assertThat(created).hasValue(1);
            assertThat(sandbox.started()).isTrue();
        }
    }
}
